import { AddressEntity } from '../modules/customers/address.entity';
import { CompanyEntity } from '../modules/customers/company.entity';
import { CustomerEntity } from '../modules/customers/customer.entity';

export const ENTITIES = [CustomerEntity, CompanyEntity, AddressEntity];
