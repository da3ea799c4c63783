/** Labels Storefleet puts on what it creates, so it can find its own objects and only those. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'storefleet';
export const STORE_ID_LABEL = 'storefleet.io/store-id';
export const STORE_NAME_LABEL = 'storefleet.io/store-name';
export const STORE_KIND_LABEL = 'storefleet.io/store-kind';

export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;
