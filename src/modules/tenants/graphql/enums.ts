import { APPROVAL_POLICIES, AUDIENCES, STOCK_DISPLAYS } from '../../../../libs/domain/src';
import { graphqlEnum } from '../../../core/graphql/graphql-enum';

export const AudienceEnum = graphqlEnum(AUDIENCES, 'Audience');
export const StockDisplayEnum = graphqlEnum(STOCK_DISPLAYS, 'StockDisplay', 'STATUS: quantity is null, only the status is shown');
export const ApprovalPolicyEnum = graphqlEnum(APPROVAL_POLICIES, 'ApprovalPolicy');
