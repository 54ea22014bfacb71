import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '../../../libs/errors/src';
import { KvkClient, parseVatNumber, type ParsedVatNumber, ViesClient, type ViesResult } from '../../../libs/identifiers/src';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { CompanyRepository, type RecheckJobRow } from './company.repository';

/** Backoff of background re-checks: base, 2×, 4× … capped (first retry within VIES_RETRY_BASE_MS). */
export function recheckDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * VAT numbers against VIES (with the brand's own VAT id as requester, so VIES returns a consultation
 * number), evidence kept per check, and the background re-check of numbers VIES could not answer: the
 * pending work is a row in `vat_recheck`, so it survives restarts; VatRecheckWorker runs it (`runDue`, with
 * a system context). Methods take the caller's context first; the company checked must be of its brands.
 */
@Injectable()
export class VatVerificationService {
  private readonly log = new Logger('VatVerification');
  private readonly vies: ViesClient;
  private readonly kvk?: KvkClient;

  constructor(
    private readonly db: DatabaseService,
    private readonly repo: CompanyRepository,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.vies = new ViesClient({ baseUrl: config.viesUrl, timeoutMs: config.viesTimeoutMs, retries: 1, backoffMs: 200 });
    if (config.kvkApiKey) {
      this.kvk = new KvkClient({ baseUrl: config.kvkApiUrl ?? 'https://api.kvk.nl', apiKey: config.kvkApiKey, timeoutMs: 4000 });
    }
  }

  /** Asks VIES (never inside a transaction: it is a remote call of seconds). */
  private async checkVies(vat: ParsedVatNumber, brandVat: string | null): Promise<ViesResult> {
    const requester = brandVat ? parseVatNumber(brandVat) : undefined;
    return this.vies.checkVat({
      countryCode: vat.countryCode,
      vatNumber: vat.nationalPart,
      ...(requester?.ok
        ? { requesterMemberStateCode: requester.value.countryCode, requesterNumber: requester.value.nationalPart }
        : {}),
    });
  }

  /**
   * The online part of a VAT check for a company of the caller's storefront (its brand's VAT id is the
   * requester): VIES says not registered → VAT_NUMBER_NOT_REGISTERED; VIES refuses the number →
   * INVALID_VAT_NUMBER; otherwise the answer (VALID or UNAVAILABLE, which means "retry later", never "invalid").
   */
  async verifyOnline(ctx: RequestContext, vat: ParsedVatNumber, path: string): Promise<ViesResult> {
    const r = await this.checkVies(vat, await this.repo.brandVatNumber(ctx));
    if (r.kind === 'NOT_REGISTERED') {
      throw new DomainError('VAT_NUMBER_NOT_REGISTERED', `VAT number ${vat.normalized} is not registered in VIES.`, {
        fieldErrors: [{ path, message: 'is not registered in VIES' }],
      });
    }
    if (r.kind === 'INVALID_INPUT') {
      throw new DomainError('INVALID_VAT_NUMBER', `VIES refused VAT number ${vat.normalized}.`, {
        fieldErrors: [{ path, message: r.message }],
      });
    }
    return r;
  }

  /** With a KvK API key: the number must exist (KVK_NUMBER_NOT_FOUND). KvK trouble does not block registration. */
  async checkKvk(ctx: RequestContext, kvkNumber: string, path: string): Promise<void> {
    if (!this.kvk) return;
    const r = await this.kvk.lookup(kvkNumber);
    if (r.kind === 'NOT_FOUND') {
      throw new DomainError('KVK_NUMBER_NOT_FOUND', `KvK number ${kvkNumber} is not in the Dutch business register.`, {
        fieldErrors: [{ path, message: 'not found in the KvK register' }],
      });
    }
    if (r.kind === 'UNAVAILABLE') {
      this.log.warn(`KvK API unavailable (${r.reason}); ${kvkNumber} accepted on format only (request ${ctx.requestId})`);
    }
  }

  /** Stores one VIES answer as evidence, for the company's brand (inside the caller's transaction). */
  async recordCheck(ctx: RequestContext, companyId: string, vatNumber: string, r: ViesResult): Promise<void> {
    await this.repo.recordCheck(ctx, {
      id: uuidv7(),
      companyId,
      vatNumber,
      outcome: r.kind === 'UNAVAILABLE' ? `UNAVAILABLE:${r.reason}` : r.kind,
      consultationNumber: r.kind === 'VALID' ? r.consultationNumber : null,
      registeredName: r.kind === 'VALID' ? r.name : null,
      raw: ('raw' in r ? r.raw : null) ?? null,
    });
  }

  /** Schedules (or re-schedules) the background re-check of a company's VAT number. */
  async scheduleRecheck(ctx: RequestContext, companyId: string, attempt: number, lastError: string | null): Promise<void> {
    const delay = recheckDelayMs(attempt, this.config.viesRetryBaseMs, this.config.viesRetryMaxMs);
    await this.repo.scheduleRecheck(ctx, companyId, attempt, delay, lastError);
  }

  /**
   * System work, with the worker's system context: claims due re-checks of every brand (SKIP LOCKED: one
   * instance each), asks VIES outside any transaction, applies the answers.
   */
  async runDue(ctx: RequestContext, limit = 10): Promise<number> {
    const claimed = await this.db.transaction(() => this.repo.claimDueRechecks(limit));
    for (const job of claimed) {
      const parsed = parseVatNumber(job.vat_number);
      if (!parsed.ok) continue;
      const result = await this.checkVies(parsed.value, job.brand_vat);
      await this.db.transaction(() => this.applyRecheck(ctx, job, result));
    }
    return claimed.length;
  }

  private async applyRecheck(ctx: RequestContext, job: RecheckJobRow, r: ViesResult): Promise<void> {
    const companyId = job.company_id;
    await this.recordCheck(ctx, companyId, job.vat_number, r);
    if (r.kind === 'UNAVAILABLE' && r.transient) {
      await this.scheduleRecheck(ctx, companyId, job.attempts + 1, r.reason);
      return;
    }
    await this.repo.finishRecheck(ctx, companyId);
    if (r.kind === 'VALID') {
      // Customers waiting for this verification move on per their storefront's approval policy.
      const moved = await this.repo.verifiedByRecheck(ctx, companyId, r.consultationNumber, r.name);
      for (const c of moved.filter((m) => m.status === 'ACTIVE')) {
        await this.outbox.add({
          type: 'customer.approved',
          brandId: c.brand_id,
          aggregateId: c.id,
          data: { customerId: c.id, automatic: true },
        });
      }
      return;
    }
    // Not registered (or a permanent VIES refusal): the company cannot be verified; its pending accounts are rejected.
    const reason = r.kind === 'NOT_REGISTERED' ? 'VAT number is not registered in VIES' : 'VAT number could not be verified';
    const rejected = await this.repo.invalidatedByRecheck(ctx, companyId, reason);
    for (const c of rejected) {
      await this.outbox.add({
        type: 'customer.rejected',
        brandId: c.brand_id,
        aggregateId: c.id,
        data: { customerId: c.id, reason },
      });
    }
  }
}
