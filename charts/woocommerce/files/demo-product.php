<?php
// Creates the demo product only when no product carries its SKU, so a re-run leaves
// an existing one (and any edits the owner made to it) alone.
$sku      = getenv( 'DEMO_PRODUCT_SKU' );
$existing = wc_get_product_id_by_sku( $sku );
if ( $existing ) {
	WP_CLI::log( "demo product {$sku} already exists (id {$existing})" );
	return;
}
$product = new WC_Product_Simple();
$product->set_name( getenv( 'DEMO_PRODUCT_NAME' ) );
$product->set_sku( $sku );
$product->set_regular_price( getenv( 'DEMO_PRODUCT_PRICE' ) );
$product->set_virtual( true );
$product->set_status( 'publish' );
$product->set_catalog_visibility( 'visible' );
$id = $product->save();
WP_CLI::log( "created demo product {$sku} (id {$id})" );
