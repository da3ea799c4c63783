// The data every Storefleet Medusa store starts with. `medusa db:migrate` runs it once and
// records it; each step still looks before it creates, so a run cut short can simply run again.
// Storefleet's verifier finds all of it by these names and handles, never by ids.
import type { ExecArgs } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules, ProductStatus } from '@medusajs/framework/utils';
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createStoresWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from '@medusajs/medusa/core-flows';

export const SEED = {
  salesChannel: 'Default Sales Channel',
  publishableKey: 'Storefleet Storefront',
  region: 'Storefleet',
  currency: 'eur',
  countries: ['de', 'fr', 'nl'],
  paymentProvider: 'pp_system_default',
  stockLocation: 'Storefleet Warehouse',
  fulfillmentProvider: 'manual_manual',
  fulfillmentSet: 'Storefleet Warehouse delivery',
  shippingOption: 'Standard Shipping',
  shippingPrice: 5,
  productHandle: 'storefleet-demo',
  productTitle: 'Storefleet Demo Product',
  variantSku: 'storefleet-demo-1',
  price: 10,
  stock: 1_000_000,
} as const;

type Linked = { id: string } | null | undefined;
const ids = (rows: Linked[] | null | undefined): (string | undefined)[] =>
  (rows ?? []).map((row) => row?.id);

function first<T>(items: T[], what: string): T {
  const item = items[0];
  if (item === undefined) throw new Error(`The seed expected ${what} but found none.`);
  return item;
}

export default async function storefleetSeed({ container }: ExecArgs): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER);
  const link = container.resolve(ContainerRegistrationKeys.LINK);
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const salesChannels = container.resolve(Modules.SALES_CHANNEL);
  const stores = container.resolve(Modules.STORE);
  const apiKeys = container.resolve(Modules.API_KEY);
  const regions = container.resolve(Modules.REGION);
  const tax = container.resolve(Modules.TAX);
  const stockLocations = container.resolve(Modules.STOCK_LOCATION);
  const fulfillment = container.resolve(Modules.FULFILLMENT);
  const products = container.resolve(Modules.PRODUCT);
  const inventory = container.resolve(Modules.INVENTORY);

  logger.info('Storefleet seed: sales channel, store and publishable key');
  let salesChannel = (await salesChannels.listSalesChannels({ name: SEED.salesChannel }))[0];
  if (!salesChannel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: {
        salesChannelsData: [{ name: SEED.salesChannel, description: 'Created by Storefleet' }],
      },
    });
    salesChannel = first(result, 'the new sales channel');
  }

  const storeUpdate = {
    supported_currencies: [{ currency_code: SEED.currency, is_default: true }],
    default_sales_channel_id: salesChannel.id,
  };
  const store = (await stores.listStores())[0];
  if (store) {
    await updateStoresWorkflow(container).run({
      input: { selector: { id: store.id }, update: storeUpdate },
    });
  } else {
    await createStoresWorkflow(container).run({
      input: { stores: [{ name: 'Storefleet', ...storeUpdate }] },
    });
  }

  let apiKey = (await apiKeys.listApiKeys({ title: SEED.publishableKey, type: 'publishable' }))[0];
  if (!apiKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: SEED.publishableKey, type: 'publishable', created_by: '' }] },
    });
    apiKey = first(result, 'the new publishable key');
  }
  const { data: keyLinks } = await query.graph({
    entity: 'api_key',
    fields: ['id', 'sales_channels.id'],
    filters: { id: apiKey.id },
  });
  const keyChannels = ids(
    (keyLinks[0] as { sales_channels?: Linked[] } | undefined)?.sales_channels,
  );
  if (!keyChannels.includes(salesChannel.id)) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: apiKey.id, add: [salesChannel.id] },
    });
  }

  logger.info('Storefleet seed: region and tax regions');
  let region = (await regions.listRegions({ name: SEED.region }))[0];
  if (!region) {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: SEED.region,
            currency_code: SEED.currency,
            countries: [...SEED.countries],
            payment_providers: [SEED.paymentProvider],
          },
        ],
      },
    });
    region = first(result, 'the new region');
  }
  const taxRegions = await tax.listTaxRegions({ country_code: [...SEED.countries] });
  const missingTax = SEED.countries.filter(
    (country) => !taxRegions.some((t) => t.country_code === country && !t.province_code),
  );
  if (missingTax.length > 0) {
    await createTaxRegionsWorkflow(container).run({
      input: missingTax.map((country_code) => ({ country_code, provider_id: 'tp_system' })),
    });
  }

  logger.info('Storefleet seed: stock location and shipping');
  let location = (await stockLocations.listStockLocations({ name: SEED.stockLocation }))[0];
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: SEED.stockLocation,
            address: { city: 'Berlin', country_code: 'DE', address_1: '' },
          },
        ],
      },
    });
    location = first(result, 'the new stock location');
  }
  const locationId = location.id;
  const locationLinks = async () => {
    const { data } = await query.graph({
      entity: 'stock_location',
      fields: ['id', 'fulfillment_providers.id', 'fulfillment_sets.id', 'sales_channels.id'],
      filters: { id: locationId },
    });
    const row = data[0] as
      | { fulfillment_providers?: Linked[]; fulfillment_sets?: Linked[]; sales_channels?: Linked[] }
      | undefined;
    return {
      providers: ids(row?.fulfillment_providers),
      sets: ids(row?.fulfillment_sets),
      channels: ids(row?.sales_channels),
    };
  };
  if (!(await locationLinks()).providers.includes(SEED.fulfillmentProvider)) {
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: locationId },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: SEED.fulfillmentProvider },
    });
  }

  let profile = (await fulfillment.listShippingProfiles({ type: 'default' }))[0];
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: 'Default Shipping Profile', type: 'default' }] },
    });
    profile = first(result, 'the new shipping profile');
  }

  let fulfillmentSet = (
    await fulfillment.listFulfillmentSets(
      { name: SEED.fulfillmentSet },
      { relations: ['service_zones'] },
    )
  )[0];
  if (!fulfillmentSet) {
    fulfillmentSet = await fulfillment.createFulfillmentSets({
      name: SEED.fulfillmentSet,
      type: 'shipping',
      service_zones: [
        {
          name: SEED.region,
          geo_zones: SEED.countries.map((country_code) => ({
            country_code,
            type: 'country' as const,
          })),
        },
      ],
    });
  }
  if (!(await locationLinks()).sets.includes(fulfillmentSet.id)) {
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: locationId },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    });
  }
  const serviceZone = first(fulfillmentSet.service_zones, 'a service zone');

  const options = await fulfillment.listShippingOptions({ name: SEED.shippingOption });
  if (options.length === 0) {
    await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: SEED.shippingOption,
          price_type: 'flat',
          provider_id: SEED.fulfillmentProvider,
          service_zone_id: serviceZone.id,
          shipping_profile_id: profile.id,
          type: { label: 'Standard', description: 'Ships in 2-3 days.', code: 'standard' },
          prices: [
            { currency_code: SEED.currency, amount: SEED.shippingPrice },
            { region_id: region.id, amount: SEED.shippingPrice },
          ],
          rules: [
            { attribute: 'enabled_in_store', value: 'true', operator: 'eq' },
            { attribute: 'is_return', value: 'false', operator: 'eq' },
          ],
        },
      ],
    });
  }

  if (!(await locationLinks()).channels.includes(salesChannel.id)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: locationId, add: [salesChannel.id] },
    });
  }

  logger.info('Storefleet seed: demo product and its stock');
  const existing = await products.listProducts({ handle: SEED.productHandle });
  if (existing.length === 0) {
    await createProductsWorkflow(container).run({
      input: {
        products: [
          {
            title: SEED.productTitle,
            handle: SEED.productHandle,
            description: 'The product every Storefleet store sells from its first minute.',
            status: ProductStatus.PUBLISHED,
            shipping_profile_id: profile.id,
            options: [{ title: 'Edition', values: ['Standard'] }],
            variants: [
              {
                title: 'Standard',
                sku: SEED.variantSku,
                manage_inventory: true,
                options: { Edition: 'Standard' },
                prices: [{ amount: SEED.price, currency_code: SEED.currency }],
              },
            ],
            sales_channels: [{ id: salesChannel.id }],
          },
        ],
      },
    });
  }

  const item = first(
    await inventory.listInventoryItems({ sku: SEED.variantSku }),
    `the inventory item of ${SEED.variantSku}`,
  );
  const levels = await inventory.listInventoryLevels({
    inventory_item_id: item.id,
    location_id: locationId,
  });
  if (levels.length === 0) {
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: [
          { inventory_item_id: item.id, location_id: locationId, stocked_quantity: SEED.stock },
        ],
      },
    });
  }
  logger.info('Storefleet seed: done');
}
