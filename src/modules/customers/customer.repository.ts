import { Injectable } from '@nestjs/common';
import type { CustomerStatus } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository, type SqlParams } from '../../core/database/repository';
import type { AddressData } from './customer-input.normalizer';

/**
 * Customer data of the caller: the storefront's realm (brand + audience) for a storefront caller, the brands
 * an admin may see otherwise. For tables with a realm (customer, customer_session, customer_token).
 */
export function ownScope(p: SqlParams, brandColumn: string, audienceColumn: string): string {
  return p.ctx.storefront ? p.realm(brandColumn, audienceColumn) : p.brand(brandColumn);
}

export interface LoginRow {
  id: string;
  password_hash: string;
  status: CustomerStatus;
}

export interface PasswordRow {
  password_hash: string;
  email: string;
}

/** The profile columns a customer may change on their own account. */
export type ProfilePatch = Partial<Record<'first_name' | 'last_name' | 'phone', string | null>>;

export interface NewCustomer {
  id: string;
  email: string;
  passwordHash: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  status: CustomerStatus;
  companyId: string | null;
}

export interface NewCompany {
  id: string;
  name: string;
  country: string;
  vatNumber: string;
  kvkNumber: string | null;
  address: AddressData;
  /** VIES said VALID (with this evidence); null = VIES could not answer, checked again later. */
  valid: { consultationNumber: string | null; name: string | null } | null;
}

/** The address columns in table order: full_name … default_billing. */
const addressValues = (p: SqlParams, a: AddressData) =>
  [
    a.fullName,
    a.street,
    a.houseNumber,
    a.houseNumberAddition,
    a.postalCode,
    a.city,
    a.country,
    a.defaultShipping,
    a.defaultBilling,
  ].map((v) => p.add(v));

/**
 * Customers and their addresses (and the company a B2B registration creates). Customer rows are scoped
 * to the caller's realm (storefront) or brands (admin); addresses carry only a brand, and belong to the
 * customer of a realm-bound session.
 */
@Injectable()
export class CustomerRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** The live account with this e-mail address in the storefront's realm (login). */
  async forLogin(ctx: RequestContext, email: string): Promise<LoginRow | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<LoginRow>(
      p,
      `SELECT id, password_hash, status FROM customer
        WHERE ${p.realm('brand_id', 'audience')} AND email = ${p.add(email)} AND erased_at IS NULL`,
    );
    return row;
  }

  /** The id of the live account with this e-mail address in the storefront's realm. */
  async idByEmail(ctx: RequestContext, email: string): Promise<string | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<{ id: string }>(
      p,
      `SELECT id FROM customer WHERE ${p.realm('brand_id', 'audience')} AND email = ${p.add(email)} AND erased_at IS NULL`,
    );
    return row?.id;
  }

  /** The password hash and e-mail address of a live account (re-authentication). */
  async password(ctx: RequestContext, customerId: string): Promise<PasswordRow | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<PasswordRow>(
      p,
      `SELECT password_hash, email FROM customer WHERE id = ${p.add(customerId)} AND erased_at IS NULL
          AND ${ownScope(p, 'brand_id', 'audience')}`,
    );
    return row;
  }

  async setPassword(ctx: RequestContext, customerId: string, passwordHash: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer SET password_hash = ${p.add(passwordHash)}, updated_at = now()
        WHERE id = ${p.add(customerId)} AND ${ownScope(p, 'brand_id', 'audience')}`,
    );
  }

  async updateProfile(ctx: RequestContext, customerId: string, patch: ProfilePatch): Promise<void> {
    const p = this.params(ctx);
    const id = p.add(customerId);
    const sets = Object.entries(patch).map(([column, value]) => `${column} = ${p.add(value)}`);
    await this.run(
      p,
      `UPDATE customer SET ${sets.join(', ')}, updated_at = now() WHERE id = ${id} AND ${ownScope(p, 'brand_id', 'audience')}`,
    );
  }

  /** Whether another account of the realm (erased or not) has this address. */
  async emailTakenByOther(ctx: RequestContext, email: string, self: string): Promise<boolean> {
    const p = this.params(ctx);
    const rows = await this.run(
      p,
      `SELECT 1 FROM customer WHERE ${p.realm('brand_id', 'audience')} AND email = ${p.add(email)} AND id <> ${p.add(self)}`,
    );
    return rows.length > 0;
  }

  /** Sets the e-mail address of a live account (unique per realm: a race raises a unique violation). */
  async setEmail(ctx: RequestContext, customerId: string, email: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer SET email = ${p.add(email)}, updated_at = now()
        WHERE id = ${p.add(customerId)} AND erased_at IS NULL AND ${p.realm('brand_id', 'audience')}`,
    );
  }

  /** Registration: is the e-mail address, or the company's VAT number, already registered in the realm? */
  async registered(ctx: RequestContext, email: string, vatNumber: string | null): Promise<{ email: boolean; company: boolean }> {
    const p = this.params(ctx);
    const [taken] = await this.run<{ email: boolean; company: boolean }>(
      p,
      `SELECT EXISTS (SELECT 1 FROM customer WHERE ${p.realm('brand_id', 'audience')} AND email = ${p.add(email)}) AS email,
              EXISTS (SELECT 1 FROM company WHERE ${p.realm('brand_id', 'audience')} AND vat_number = ${p.add(vatNumber)}) AS company`,
    );
    return taken;
  }

  /** A new account in the storefront's realm, registered at this storefront. */
  async insert(ctx: RequestContext, c: NewCustomer): Promise<void> {
    const sf = ctx.requireStorefront();
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO customer (id, brand_id, audience, email, password_hash, first_name, last_name, phone, status,
                             company_id, company_role, registered_storefront_id)
       VALUES (${[
         c.id,
         sf.brandId,
         sf.audience,
         c.email,
         c.passwordHash,
         c.firstName,
         c.lastName,
         c.phone,
         c.status,
         c.companyId,
         c.companyId ? 'ADMIN' : null,
         sf.id,
       ]
         .map((v) => p.add(v))
         .join(', ')})`,
    );
  }

  /** The company of a B2B registration, in the storefront's brand (constraint company_vat_per_realm). */
  async insertCompany(ctx: RequestContext, c: NewCompany): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO company (id, brand_id, audience, name, country, vat_number, kvk_number, street, house_number, house_number_addition,
                            postal_code, city, address_country, address_full_name, vat_status, vat_checked_at,
                            vat_consultation_number, vat_registered_name)
       VALUES (${p.add(c.id)}, ${p.add(ctx.requireStorefront().brandId)}, 'B2B', ${[
         c.name,
         c.country,
         c.vatNumber,
         c.kvkNumber,
         c.address.street,
         c.address.houseNumber,
         c.address.houseNumberAddition,
         c.address.postalCode,
         c.address.city,
         c.address.country,
         c.address.fullName,
         c.valid ? 'VALID' : 'UNAVAILABLE_RETRYING',
         c.valid ? new Date() : null,
         c.valid?.consultationNumber ?? null,
         c.valid?.name ?? null,
       ]
         .map((v) => p.add(v))
         .join(', ')})`,
    );
  }

  async countAddresses(ctx: RequestContext, customerId: string): Promise<number> {
    const p = this.params(ctx);
    const [{ n }] = await this.run<{ n: string }>(
      p,
      `SELECT count(*) AS n FROM address WHERE customer_id = ${p.add(customerId)} AND ${p.brand('brand_id')}`,
    );
    return Number(n);
  }

  /** Clears the default shipping or billing flag on every other address of the customer. */
  async clearDefault(
    ctx: RequestContext,
    flag: 'default_shipping' | 'default_billing',
    customerId: string,
    except: string,
  ): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE address SET ${flag} = false WHERE customer_id = ${p.add(customerId)} AND id <> ${p.add(except)} AND ${p.brand('brand_id')}`,
    );
  }

  async insertAddress(ctx: RequestContext, id: string, customerId: string, a: AddressData): Promise<void> {
    const p = this.params(ctx);
    const head = [id, ctx.requireStorefront().brandId, customerId].map((v) => p.add(v));
    await this.run(
      p,
      `INSERT INTO address (id, brand_id, customer_id, full_name, street, house_number, house_number_addition, postal_code, city, country,
                            default_shipping, default_billing)
       VALUES (${[...head, ...addressValues(p, a)].join(', ')})`,
    );
  }

  async updateAddress(ctx: RequestContext, id: string, customerId: string, a: AddressData): Promise<void> {
    const p = this.params(ctx);
    const where = `id = ${p.add(id)} AND customer_id = ${p.add(customerId)} AND ${p.brand('brand_id')}`;
    const [fullName, street, houseNumber, addition, postalCode, city, country, shipping, billing] = addressValues(p, a);
    await this.run(
      p,
      `UPDATE address SET full_name = ${fullName}, street = ${street}, house_number = ${houseNumber}, house_number_addition = ${addition},
              postal_code = ${postalCode}, city = ${city}, country = ${country}, default_shipping = ${shipping},
              default_billing = ${billing}, updated_at = now()
        WHERE ${where}`,
    );
  }

  async deleteAddress(ctx: RequestContext, id: string, customerId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `DELETE FROM address WHERE id = ${p.add(id)} AND customer_id = ${p.add(customerId)} AND ${p.brand('brand_id')}`,
    );
  }

  /** Locks the customer's address with this id; false when it is not theirs. */
  async lockOwnAddress(ctx: RequestContext, id: string, customerId: string): Promise<boolean> {
    const p = this.params(ctx);
    const rows = await this.run(
      p,
      `SELECT 1 FROM address WHERE id = ${p.add(id)} AND customer_id = ${p.add(customerId)} AND ${p.brand('brand_id')} FOR UPDATE`,
    );
    return rows.length > 0;
  }
}
