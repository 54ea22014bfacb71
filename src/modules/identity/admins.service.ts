import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { AdminRole, ApiScope } from '../../../libs/domain/src';
import { badInput, DomainError } from '../../../libs/errors/src';
import { checkPassword } from '../../../libs/passwords/src';
import { generateSecret, hashSecret } from '../../../libs/secrets/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { BrandsService } from '../tenants/brands.service';
import { WarehousesService } from '../tenants/warehouses.service';
import { AdminAuthService } from './admin-auth.service';
import { IdentityRepository } from './identity.repository';
import { hashPassword } from './password.util';

export interface AdminView {
  id: string;
  email: string;
  role: AdminRole;
  brandCodes: string[];
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  warehouseCodes: string[];
  brandCodes: string[] | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Admin users and API keys. Only a SUPERADMIN creates admins; a brand admin's keys are bound to their brands. */
@Injectable()
export class AdminsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly repo: IdentityRepository,
    private readonly brands: BrandsService,
    private readonly warehouses: WarehousesService,
    private readonly auth: AdminAuthService,
  ) {}

  async createAdmin(
    ctx: RequestContext,
    input: { email: string; password: string; role: AdminRole; brandCodes?: string[] | null },
  ): Promise<AdminView> {
    const email = input.email.trim().toLowerCase();
    const codes = input.brandCodes ?? [];
    if (input.role === 'BRAND_ADMIN' && codes.length === 0) {
      throw badInput([{ path: 'brandCodes', message: 'a BRAND_ADMIN needs at least one brand' }]);
    }
    if (input.role === 'SUPERADMIN' && codes.length > 0) {
      throw badInput([{ path: 'brandCodes', message: 'a SUPERADMIN sees every brand; give no brandCodes' }]);
    }
    const policy = checkPassword(input.password, { email });
    if (!policy.ok) throw badInput([{ path: 'password', message: policy.message }]);
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async () => {
      const brands = await this.brands.getByCodes(ctx, codes, 'brandCodes');
      const id = uuidv7();
      try {
        await this.repo.insertAdmin(ctx, { id, email, passwordHash, role: input.role });
      } catch (e) {
        if (isUniqueViolation(e))
          throw badInput([{ path: 'email', message: 'an admin with this e-mail address already exists' }]);
        throw e;
      }
      if (brands.length) {
        await this.repo.addAdminBrands(
          ctx,
          id,
          brands.map((b) => b.id),
        );
      }
      return { id, email, role: input.role, brandCodes: brands.map((b) => b.code).sort() };
    });
  }

  async listAdmins(ctx: RequestContext): Promise<AdminView[]> {
    const scope = ctx.brandScope;
    const rows = await this.repo.listAdmins(ctx);
    if (scope.all) return rows;
    // A brand admin sees the brand admins of their brands only (and never super admins).
    const visible = new Set((await this.brands.list(ctx)).map((b) => b.code));
    return rows.filter((a) => a.role === 'BRAND_ADMIN' && a.brandCodes.some((c) => visible.has(c)));
  }

  async createApiKey(
    ctx: RequestContext,
    input: { name: string; scopes: ApiScope[]; warehouseCodes?: string[] | null; brandCodes?: string[] | null },
  ): Promise<{ apiKey: ApiKeyView; secret: string }> {
    const scopes = [...new Set(input.scopes)];
    const warehouseCodes = input.warehouseCodes ?? [];
    if (scopes.includes('INVENTORY_WRITE') && warehouseCodes.length === 0) {
      throw badInput([{ path: 'warehouseCodes', message: 'INVENTORY_WRITE needs the warehouses the key may push to' }]);
    }
    if (!scopes.includes('INVENTORY_WRITE') && warehouseCodes.length > 0) {
      throw badInput([{ path: 'warehouseCodes', message: 'warehouses apply to the INVENTORY_WRITE scope only' }]);
    }
    const actor = ctx.actor;
    const allBrands = actor?.brandIds === null && input.brandCodes == null;
    if (!allBrands && (input.brandCodes ?? []).length === 0 && actor?.brandIds !== null) {
      throw badInput([{ path: 'brandCodes', message: 'name the brands this key may act for (your own)' }]);
    }
    return this.db.transaction(async () => {
      const brands = allBrands ? [] : await this.brands.getByCodes(ctx, input.brandCodes ?? [], 'brandCodes');
      const warehouses = await this.warehouses.getByCodes(ctx, warehouseCodes, 'warehouseCodes');
      const secret = generateSecret('shk');
      const id = uuidv7();
      const createdAt = new Date();
      await this.repo.insertApiKey(ctx, {
        id,
        name: input.name.trim(),
        prefix: secret.slice(0, 12),
        secretHash: hashSecret(secret),
        scopes,
        allBrands,
        createdBy: actor?.kind === 'admin' ? actor.id : null,
        createdAt,
      });
      if (brands.length) {
        await this.repo.addApiKeyBrands(
          ctx,
          id,
          brands.map((b) => b.id),
        );
      }
      if (warehouses.length) {
        await this.repo.addApiKeyWarehouses(
          ctx,
          id,
          warehouses.map((w) => w.id),
        );
      }
      return {
        apiKey: {
          id,
          name: input.name.trim(),
          prefix: secret.slice(0, 12),
          scopes,
          warehouseCodes: warehouses.map((w) => w.code).sort(),
          brandCodes: allBrands ? null : brands.map((b) => b.code).sort(),
          createdAt,
          revokedAt: null,
        },
        secret,
      };
    });
  }

  async listApiKeys(ctx: RequestContext): Promise<ApiKeyView[]> {
    const rows = await this.repo.listApiKeys(ctx);
    return rows
      .filter((k) => (k.allBrands ? ctx.brandScope.all : k.brandIds.length > 0 && k.brandIds.every((id) => ctx.canSeeBrand(id))))
      .map(({ brandIds: _b, allBrands, ...k }) => ({ ...k, brandCodes: allBrands ? null : k.brandCodes }));
  }

  async revokeApiKey(ctx: RequestContext, id: string): Promise<boolean> {
    const visible = /^[0-9a-f-]{36}$/i.test(id) && (await this.listApiKeys(ctx)).some((k) => k.id === id && k.revokedAt === null);
    if (!visible) throw new DomainError('NOT_FOUND', 'API key was not found.');
    await this.repo.revokeApiKey(ctx, id);
    this.db.afterCommit(() => this.auth.invalidate());
    return true;
  }
}
