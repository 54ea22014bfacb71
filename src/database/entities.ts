import { AddressEntity } from '../modules/customers/address.entity';
import { CustomerEntity } from '../modules/customers/customer.entity';

export const ENTITIES = [CustomerEntity, AddressEntity];
