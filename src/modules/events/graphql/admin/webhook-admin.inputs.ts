import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional, registerDecorator, type ValidationOptions } from 'class-validator';
import { isEventFilter, WEBHOOK_EVENT_TYPES, webhookUrlProblem } from '../../../../../libs/webhooks/src';
import { IsCode } from '../../../../core/validation/validators';

/** http(s) with a host, at most 2000 characters (the message names the problem). */
function IsWebhookUrl(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWebhookUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (a) => webhookUrlProblem(a.value) ?? 'is invalid', ...options },
      validator: { validate: (v: unknown) => webhookUrlProblem(v) === null },
    });
}

const EVENT_MESSAGE = `each must be "*" or one of ${WEBHOOK_EVENT_TYPES.join(', ')}`;

/** Each entry a known event type or "*". */
function IsEventFilter(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEventFilter',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: EVENT_MESSAGE, ...options },
      validator: { validate: (v: unknown) => Array.isArray(v) && v.every(isEventFilter) },
    });
}

@InputType()
export class CreateWebhookInput {
  @Field(() => String, { description: 'http(s) URL with a host, at most 2000 characters.' })
  @IsWebhookUrl()
  url!: string;
  @Field(() => [String], { description: 'Event types (CONTRACT §6), or "*" for every type; 1..50.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsEventFilter()
  events!: string[];
  @Field(() => String, { nullable: true, description: "No brandCode: every brand's events (SUPERADMIN only)." })
  @IsOptional()
  @IsCode()
  brandCode?: string | null;
}

@InputType()
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsWebhookUrl() url?: string | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsEventFilter()
  events?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'A disabled webhook gets no new events; its open deliveries wait.' })
  @IsOptional()
  enabled?: boolean | null;
}
