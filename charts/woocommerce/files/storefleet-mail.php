<?php
/**
 * Plugin Name: Storefleet mail catcher
 * Description: Sends WordPress mail over SMTP to the store's own Mailpit, so order and account emails can be read in its web UI. Active only where STOREFLEET_SMTP_HOST is set (the chart sets it when mail.enabled).
 * Version: 1.0.0
 *
 * @package Storefleet
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Points PHPMailer at the mail catcher: plain SMTP, no authentication, no TLS (it is the
 * store's own pod, reached inside its namespace only).
 *
 * @param PHPMailer\PHPMailer\PHPMailer $phpmailer WordPress's mailer, about to send.
 */
function storefleet_mail_catcher( $phpmailer ) {
	$host = getenv( 'STOREFLEET_SMTP_HOST' );
	if ( ! is_string( $host ) || '' === $host ) {
		return;
	}
	$port = (int) getenv( 'STOREFLEET_SMTP_PORT' );
	$phpmailer->isSMTP();
	$phpmailer->Host        = $host;
	$phpmailer->Port        = $port > 0 ? $port : 1025;
	$phpmailer->SMTPAuth    = false;
	$phpmailer->SMTPSecure  = '';
	$phpmailer->SMTPAutoTLS = false;
	$phpmailer->Timeout     = 10;
}
add_action( 'phpmailer_init', 'storefleet_mail_catcher' );
