import { registerEnumType } from '@nestjs/graphql';

export enum AudienceEnum {
  B2B = 'B2B',
  B2C = 'B2C',
}
export enum StockDisplayEnum {
  EXACT = 'EXACT',
  STATUS = 'STATUS',
}
export enum ApprovalPolicyEnum {
  AUTOMATIC_WHEN_VERIFIED = 'AUTOMATIC_WHEN_VERIFIED',
  MANUAL = 'MANUAL',
}
registerEnumType(AudienceEnum, { name: 'Audience' });
registerEnumType(StockDisplayEnum, { name: 'StockDisplay', description: 'STATUS: quantity is null, only the status is shown' });
registerEnumType(ApprovalPolicyEnum, { name: 'ApprovalPolicy' });
