/**
 * The domain's closed sets of values, each declared once as a `const` array. The TypeScript type is
 * derived from the array, the GraphQL enum from the same array (src/core/graphql/graphql-enum.ts), and
 * database CHECK constraints list the same values: one source, no casts between the layers.
 */
export const AUDIENCES = ['B2B', 'B2C'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const STOCK_DISPLAYS = ['EXACT', 'STATUS'] as const;
export type StockDisplay = (typeof STOCK_DISPLAYS)[number];

export const APPROVAL_POLICIES = ['AUTOMATIC_WHEN_VERIFIED', 'MANUAL'] as const;
export type ApprovalPolicy = (typeof APPROVAL_POLICIES)[number];

export const ADMIN_ROLES = ['SUPERADMIN', 'BRAND_ADMIN'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const API_SCOPES = ['INVENTORY_WRITE', 'CATALOG_WRITE', 'CUSTOMERS_READ', 'ORDERS_READ', 'ORDERS_WRITE'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const TAX_CATEGORIES = ['STANDARD', 'REDUCED', 'ZERO'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export const CUSTOMER_STATUSES = ['ACTIVE', 'PENDING_VERIFICATION', 'PENDING_APPROVAL', 'REJECTED'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const COMPANY_ROLES = ['ADMIN', 'BUYER'] as const;
export type CompanyRole = (typeof COMPANY_ROLES)[number];

export const VERIFICATION_STATUSES = ['NOT_CHECKED', 'VALID', 'INVALID', 'UNAVAILABLE_RETRYING'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'DELIVERING', 'SUCCEEDED', 'DEAD'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Whether `value` is one of `values` (narrows unknown input to the set's type). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export const STOCK_STATUSES = ['IN_STOCK', 'LOW_STOCK', 'OUT_OF_STOCK'] as const;
export type StockStatus = (typeof STOCK_STATUSES)[number];

export const CONSENT_PURPOSES = ['NEWSLETTER', 'PERSONALISATION', 'ANALYTICS'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const ORDER_STATUSES = ['AWAITING_PAYMENT', 'CONFIRMED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** ACTIVE: being filled; ORDERED: turned into an order (placeOrder again returns it); MERGED: its lines joined a customer's cart. */
export const CART_STATUSES = ['ACTIVE', 'ORDERED', 'MERGED'] as const;
export type CartStatus = (typeof CART_STATUSES)[number];

/**
 * Where a customer stands for marketing (docs/INSIGHTS.md): PROSPECT never ordered, NEW first ordered recently, ACTIVE,
 * AT_RISK overdue by their own rhythm, LAPSED no order for a long time.
 */
export const CUSTOMER_SEGMENTS = ['PROSPECT', 'NEW', 'ACTIVE', 'AT_RISK', 'LAPSED'] as const;
export type CustomerSegment = (typeof CUSTOMER_SEGMENTS)[number];
