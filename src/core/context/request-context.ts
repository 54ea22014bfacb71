import type { AdminRole, ApiScope, ApprovalPolicy, Audience, StockDisplay } from '../../../libs/domain/src';

export type Surface = 'storefront' | 'admin';

/** What a storefront token resolves to: everything a storefront request needs, read once and cached. */
export interface StorefrontInfo {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly brandId: string;
  readonly brandCode: string;
  readonly brandName: string;
  readonly audience: Audience;
  readonly currency: string;
  readonly country: string;
  readonly locale: string;
  readonly pricesIncludeTax: boolean;
  readonly stockDisplay: StockDisplay;
  readonly lowStockThreshold: number;
  readonly approvalPolicy: ApprovalPolicy;
  /** Days a B2B order on account may stay unpaid. */
  readonly paymentTermsDays: number;
  /** In the order they were listed: checkout reserves from the first one first. */
  readonly warehouseIds: readonly string[];
}

export interface AdminActor {
  readonly kind: 'admin';
  readonly id: string;
  readonly email: string;
  readonly role: AdminRole;
  /** Brands this admin may see; null = every brand (SUPERADMIN). */
  readonly brandIds: readonly string[] | null;
}

export interface ApiKeyActor {
  readonly kind: 'apiKey';
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly ApiScope[];
  readonly warehouseIds: readonly string[];
  /** Brands this key may touch; null = every brand. */
  readonly brandIds: readonly string[] | null;
}

export type Actor = AdminActor | ApiKeyActor;

/** A logged-in customer of the storefront's realm (from a valid access token of a live session). */
export interface CustomerIdentity {
  readonly id: string;
  readonly sessionId: string;
  /** The B2B buyer's company (its agreed prices apply); null for consumers. */
  readonly companyId: string | null;
}

/** The brands a caller may see: every brand, or exactly these. Never "unspecified". */
export type BrandScope = { readonly all: true } | { readonly all: false; readonly ids: readonly string[] };

/**
 * The tenant context of one request, resolved once by the access guard and passed as the first argument
 * of every service method. Tenant, actor and ownership come from here, never from client arguments.
 */
export class RequestContext {
  private constructor(
    readonly requestId: string,
    readonly surface: Surface,
    readonly storefront: StorefrontInfo | undefined,
    readonly actor: Actor | undefined,
    readonly customer: CustomerIdentity | undefined = undefined,
    /** A bearer token was sent but is invalid, expired, revoked or of another realm. */
    readonly customerTokenRejected = false,
  ) {
    Object.freeze(this);
  }

  static forStorefront(
    requestId: string,
    storefront: StorefrontInfo,
    customer?: CustomerIdentity,
    customerTokenRejected = false,
  ): RequestContext {
    return new RequestContext(requestId, 'storefront', storefront, undefined, customer, customerTokenRejected);
  }

  static forAdmin(requestId: string, actor: Actor | undefined): RequestContext {
    return new RequestContext(requestId, 'admin', undefined, actor);
  }

  /** For system jobs (seed, relays). Sees every brand; grep-able on purpose. */
  static system(reason: string): RequestContext {
    return new RequestContext(`system:${reason}`, 'admin', undefined, {
      kind: 'admin',
      id: '00000000-0000-0000-0000-000000000000',
      email: 'system',
      role: 'SUPERADMIN',
      brandIds: null,
    });
  }

  get brandScope(): BrandScope {
    if (this.storefront) return { all: false, ids: [this.storefront.brandId] };
    if (this.actor) {
      return this.actor.brandIds === null ? { all: true } : { all: false, ids: this.actor.brandIds };
    }
    return { all: false, ids: [] };
  }

  canSeeBrand(brandId: string): boolean {
    const scope = this.brandScope;
    return scope.all || scope.ids.includes(brandId);
  }

  requireCustomer(): CustomerIdentity {
    if (!this.customer) throw new Error('RequestContext has no customer (programming error: use @CustomerOnly)');
    return this.customer;
  }

  requireStorefront(): StorefrontInfo {
    if (!this.storefront) throw new Error('RequestContext has no storefront (programming error)');
    return this.storefront;
  }
}
