import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { IdentityModule } from '../identity/identity.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AccountService } from './account.service';
import { CompanyRepository } from './company.repository';
import { CompanyService } from './company.service';
import { ConsentsService } from './consents.service';
import { CustomerAuthService } from './customer-auth.service';
import { CustomerDataHooks } from './customer-data-hooks';
import { CustomerQueryRepository } from './customer-query.repository';
import { CustomerViewService } from './customer-view.service';
import { CustomersAdminService } from './customers-admin.service';
import { GdprService } from './gdpr.service';
import { RegistrationService } from './registration.service';
import { VatRecheckWorker } from './vat-recheck.worker';
import { VatVerificationService } from './vat-verification.service';
import { ConsentRepository } from './consent.repository';
import { CustomerRepository } from './customer.repository';
import { GdprRepository } from './gdpr.repository';
import { SessionRepository } from './session.repository';

/** The module's SQL (internal: other modules go through the services). */
const REPOSITORIES = [
  CompanyRepository,
  ConsentRepository,
  CustomerQueryRepository,
  CustomerRepository,
  GdprRepository,
  SessionRepository,
];

const SERVICES = [
  AccountService,
  CompanyService,
  GdprService,
  ConsentsService,
  CustomerAuthService,
  CustomerDataHooks,
  CustomerViewService,
  CustomersAdminService,
  RegistrationService,
  VatVerificationService,
];

/** Background work of the module (not exported). */
const WORKERS = [VatRecheckWorker];

@Module({
  imports: [EventsModule, IdentityModule, TenantsModule],
  providers: [...REPOSITORIES, ...SERVICES, ...WORKERS],
  exports: SERVICES,
})
export class CustomersModule {}
