import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';

/** Personal data another module keeps about a customer (e.g. orders): exported and erased with the account. */
export interface CustomerDataPart {
  /** The key of this part in the GDPR export (`orders`). */
  name: string;
  /** Everything this part holds about the customer, for the export. */
  export(ctx: RequestContext, customerId: string): Promise<unknown>;
  /** Erases (or anonymises) the customer's data; runs inside the erasure's transaction. */
  erase(ctx: RequestContext, customerId: string): Promise<void>;
}

/** Work after a successful login, inside the transaction that opens the session (e.g. linking guest orders). */
export type LoginHook = (ctx: RequestContext, customerId: string) => Promise<void>;

/**
 * Where modules that depend on customers plug into the customer's life (export, erasure, login) without
 * customers importing them: they register on init (OnModuleInit), customers calls what is registered.
 */
@Injectable()
export class CustomerDataHooks {
  private readonly parts: CustomerDataPart[] = [];
  private readonly loginHooks: LoginHook[] = [];

  registerPart(part: CustomerDataPart): void {
    if (this.parts.some((p) => p.name === part.name)) throw new Error(`customer data part ${part.name} registered twice`);
    this.parts.push(part);
  }

  onLogin(hook: LoginHook): void {
    this.loginHooks.push(hook);
  }

  async exportAll(ctx: RequestContext, customerId: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const part of this.parts) out[part.name] = await part.export(ctx, customerId);
    return out;
  }

  async eraseAll(ctx: RequestContext, customerId: string): Promise<void> {
    for (const part of this.parts) await part.erase(ctx, customerId);
  }

  async loggedIn(ctx: RequestContext, customerId: string): Promise<void> {
    for (const hook of this.loginHooks) await hook(ctx, customerId);
  }
}
