import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, DomainError, type FieldError } from '../../../libs/errors/src';
import { formatAmount, parseAmount } from '../../../libs/pricing/src';
import type { RequestContext } from '../../core/context/request-context';
import { StorefrontsService } from '../tenants/storefronts.service';
import type {
  AdminShippingMethodType,
  CreateShippingMethodInput,
  UpdateShippingMethodInput,
} from './graphql/admin/shipping-method-admin.types';
import type { ShippingMethodType } from './graphql/order.types';
import { ShippingMethodRepository, type ShippingMethodRow, type ShippingMethodWrite } from './shipping-method.repository';

/**
 * Shipping methods per storefront: a price in the storefront's currency and price convention, an optional
 * free-shipping threshold and the destination countries. Storefronts list their active ones; checkout takes the
 * chosen one by code and checks the destination.
 */
@Injectable()
export class ShippingMethodsService {
  constructor(
    private readonly repo: ShippingMethodRepository,
    private readonly storefronts: StorefrontsService,
  ) {}

  async forStorefront(ctx: RequestContext): Promise<ShippingMethodType[]> {
    return (await this.repo.activeOfStorefront(ctx)).map(toView);
  }

  /** The caller's storefront's method, active or not (null when unknown). */
  byCode(ctx: RequestContext, code: string): Promise<ShippingMethodRow | null> {
    return this.repo.byCode(ctx, ctx.requireStorefront().id, code);
  }

  async list(ctx: RequestContext, storefrontCode: string | null): Promise<AdminShippingMethodType[]> {
    const sf = storefrontCode ? await this.storefronts.getByCode(ctx, storefrontCode) : null;
    return (await this.repo.list(ctx, sf?.id ?? null)).map(toAdminView);
  }

  async create(ctx: RequestContext, input: CreateShippingMethodInput): Promise<AdminShippingMethodType> {
    const sf = await this.storefronts.getByCode(ctx, input.storefrontCode);
    const write = parseWrite(
      {
        name: input.name,
        price: input.price,
        freeAbove: input.freeAbove ?? null,
        countries: input.countries,
        active: input.active ?? true,
      },
      sf.currency,
    );
    if (!(await this.repo.insert(ctx, uuidv7(), sf.id, input.code, write))) {
      throw badInput([{ path: 'code', message: `storefront ${sf.code} already has a shipping method "${input.code}"` }]);
    }
    return toAdminView((await this.repo.byCode(ctx, sf.id, input.code))!);
  }

  async update(
    ctx: RequestContext,
    storefrontCode: string,
    code: string,
    input: UpdateShippingMethodInput,
  ): Promise<AdminShippingMethodType> {
    const sf = await this.storefronts.getByCode(ctx, storefrontCode);
    const m = await this.repo.byCode(ctx, sf.id, code);
    if (!m)
      throw new DomainError('NOT_FOUND', `Shipping method "${code.slice(0, 63)}" was not found.`, {
        fieldErrors: [{ path: 'code', message: 'unknown' }],
      });
    const write = parseWrite(
      {
        name: input.name ?? m.name,
        price: input.price ?? formatAmount(m.price_minor, m.currency.trim()),
        freeAbove:
          input.freeAbove === undefined
            ? m.free_above_minor === null
              ? null
              : formatAmount(m.free_above_minor, m.currency.trim())
            : input.freeAbove,
        countries: input.countries ?? m.countries,
        active: input.active ?? m.active,
      },
      sf.currency,
    );
    await this.repo.update(ctx, m.id, write);
    return toAdminView((await this.repo.byCode(ctx, sf.id, code))!);
  }
}

function parseWrite(
  v: { name: string; price: string; freeAbove: string | null; countries: string[]; active: boolean },
  currency: string,
): ShippingMethodWrite {
  const errors: FieldError[] = [];
  const price = parseAmount(v.price, currency);
  if (!price.ok) errors.push({ path: 'price', message: price.message });
  const free = v.freeAbove === null ? null : parseAmount(v.freeAbove, currency);
  if (free && !free.ok) errors.push({ path: 'freeAbove', message: free.message });
  if (errors.length) throw badInput(errors);
  return {
    name: v.name.trim(),
    priceMinor: price.ok ? price.minor : 0n,
    freeAboveMinor: free?.ok ? free.minor : null,
    countries: v.countries.map((c) => c.toUpperCase()),
    active: v.active,
  };
}

export function toView(m: ShippingMethodRow): ShippingMethodType {
  const currency = m.currency.trim();
  return {
    code: m.code,
    name: m.name,
    price: { amount: formatAmount(m.price_minor, currency), currency },
    freeAbove: m.free_above_minor === null ? null : { amount: formatAmount(m.free_above_minor, currency), currency },
    countries: m.countries,
  };
}

function toAdminView(m: ShippingMethodRow): AdminShippingMethodType {
  return { ...toView(m), storefrontCode: m.storefront_code, active: m.active };
}
