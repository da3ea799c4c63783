<?php
/**
 * Plugin Name: Storefleet admin login
 * Description: One-click admin login from the Storefleet app. Signs a user in once from a
 * short-lived token signed with the store's login key (env STOREFLEET_LOGIN_KEY), then sends
 * the browser to wp-admin. Any token that is not good (malformed, forged, expired, already
 * used) gets the normal login page and nothing else.
 *
 * Token: `<payload>.<signature>`, both base64url without padding. The payload is JSON
 * {"v":1,"user":"<login>","nonce":"<16 bytes, base64url>","exp":<unix seconds>}; the signature
 * is HMAC-SHA256 over the payload text with the key's UTF-8 bytes. The app's signer is
 * src-main/store-kinds/woocommerce/admin-login-token.ts.
 *
 * Installed by the chart as a must-use plugin (wp-content/mu-plugins).
 *
 * @package Storefleet
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', 'storefleet_admin_login_handle', 0 );

/**
 * Handles `/?storefleet-login=<token>`; returns at once for every other request.
 */
function storefleet_admin_login_handle() {
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- the signed token is the check.
	if ( ! isset( $_GET['storefleet-login'] ) ) {
		return;
	}
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended, WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- checked byte for byte below.
	$token = is_string( $_GET['storefleet-login'] ) ? wp_unslash( $_GET['storefleet-login'] ) : '';
	$user  = storefleet_admin_login_user( $token, time() );

	// The token must not travel on as a Referer, and no answer to it may be cached.
	nocache_headers();
	header( 'Referrer-Policy: no-referrer' );
	if ( ! $user ) {
		wp_safe_redirect( wp_login_url() );
		exit;
	}
	wp_set_current_user( $user->ID );
	wp_set_auth_cookie( $user->ID, false );
	/** This action is documented in wp-includes/user.php */
	do_action( 'wp_login', $user->user_login, $user );
	wp_safe_redirect( admin_url() );
	exit;
}

/**
 * The user a token signs in, or null when it is not good; a good token is spent here.
 *
 * @param string $token The token from the query string.
 * @param int    $now   Seconds since the epoch.
 * @return WP_User|null
 */
function storefleet_admin_login_user( $token, $now ) {
	$method = isset( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_text_field( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) ) : '';
	if ( 'GET' !== $method ) {
		return null;
	}
	$key = getenv( 'STOREFLEET_LOGIN_KEY' );
	if ( ! is_string( $key ) || strlen( $key ) < 32 ) {
		return null;
	}
	if ( ! is_string( $token ) || strlen( $token ) > 1024 ) {
		return null;
	}
	$parts = explode( '.', $token );
	if ( 2 !== count( $parts ) ) {
		return null;
	}
	list( $payload, $signature ) = $parts;
	if ( ! preg_match( '/^[A-Za-z0-9_-]+$/', $payload ) || ! preg_match( '/^[A-Za-z0-9_-]+$/', $signature ) ) {
		return null;
	}
	$expected = rtrim( strtr( base64_encode( hash_hmac( 'sha256', $payload, $key, true ) ), '+/', '-_' ), '=' );
	if ( ! hash_equals( $expected, $signature ) ) {
		return null;
	}
	// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- base64url of a signed payload.
	$json = base64_decode( strtr( $payload, '-_', '+/' ), true );
	$body = is_string( $json ) ? json_decode( $json, true ) : null;
	if ( ! is_array( $body )
		|| ! isset( $body['v'], $body['user'], $body['nonce'], $body['exp'] )
		|| 1 !== $body['v']
		|| ! is_string( $body['user'] )
		|| ! is_string( $body['nonce'] )
		|| ! is_int( $body['exp'] )
		|| ! preg_match( '/^[A-Za-z0-9_-]{22}$/', $body['nonce'] ) ) {
		return null;
	}
	// Good from 60 s before its expiry until then, whatever the clocks say about its start.
	if ( $body['exp'] < $now || $body['exp'] > $now + 60 ) {
		return null;
	}
	$user = get_user_by( 'login', $body['user'] );
	if ( ! $user ) {
		return null;
	}
	if ( ! storefleet_admin_login_spend( $body['nonce'], $body['exp'], $now ) ) {
		return null;
	}
	return $user;
}

/**
 * Records a token's nonce as used; false when it already was. One INSERT IGNORE on the options
 * table's unique name, so two requests racing with the same token cannot both win.
 *
 * @param string $nonce The token's nonce (22 base64url characters).
 * @param int    $exp   The token's expiry, kept so used nonces can be swept once it passed.
 * @param int    $now   Seconds since the epoch.
 * @return bool
 */
function storefleet_admin_login_spend( $nonce, $exp, $now ) {
	global $wpdb;
	$prefix = 'storefleet_login_used_';
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- atomic single use needs the unique key.
	$inserted = $wpdb->query(
		$wpdb->prepare(
			"INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no')",
			$prefix . $nonce,
			(string) $exp
		)
	);
	if ( 1 !== $inserted ) {
		return false;
	}
	// Nonces of expired tokens can go: such a token is refused for its expiry anyway.
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery
	$wpdb->query(
		$wpdb->prepare(
			"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s AND CAST(option_value AS UNSIGNED) < %d",
			$wpdb->esc_like( $prefix ) . '%',
			$now
		)
	);
	return true;
}
