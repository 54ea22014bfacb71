import { type ArgumentMetadata, Injectable, type PipeTransform, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { badInput, type DomainError, type FieldError } from '../../../libs/errors/src';
import { cacheValidationMetadata } from './validation-metadata-cache';

/** class-validator errors → contract field errors with dotted paths (`company.vatNumber`, `levels.3.sku`). */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ path, message });
    if (e.children?.length) out.push(...toFieldErrors(e.children, path));
  }
  return out;
}

export function validationFailed(errors: ValidationError[], prefix = ''): DomainError {
  return badInput(toFieldErrors(errors, prefix));
}

/**
 * Nest's ValidationPipe, validating synchronously: the app has no asynchronous rules, and class-validator's
 * `validate` builds a promise per rule and property (a search request's `filter` argument cost more in promises
 * than in checks). `validateSync` applies the same rules and answers the same errors.
 */
class SyncValidationPipe extends ValidationPipe {
  protected override validate(object: object, validatorOptions?: ValidatorOptions): ValidationError[] {
    return validateSync(object, validatorOptions);
  }
}

/** The global pipe for object arguments: field paths are relative to the argument (as in the contract). */
export function inputValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new SyncValidationPipe({
    transform: true,
    forbidUnknownValues: false,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => validationFailed(errors),
  });
}

/**
 * Validates a list argument item by item (`[ProductInput!]!`): bounds on its length, and each item's
 * errors as `<arg>.<index>.<field>`.
 */
@Injectable()
export class ListInputPipe<T extends object> implements PipeTransform<unknown[], T[]> {
  constructor(
    private readonly itemClass: new () => T,
    private readonly argName: string,
    private readonly bounds: { min: number; max: number },
  ) {}

  transform(value: unknown[], _meta: ArgumentMetadata): T[] {
    if (!Array.isArray(value)) throw badInput([{ path: this.argName, message: 'must be a list' }]);
    if (value.length < this.bounds.min || value.length > this.bounds.max) {
      throw badInput([
        { path: this.argName, message: `must have ${this.bounds.min} to ${this.bounds.max} entries (got ${value.length})` },
      ]);
    }
    const items = value.map((v) => plainToInstance(this.itemClass, v));
    const fieldErrors = items.flatMap((item, i) =>
      toFieldErrors(validateSync(item, { forbidUnknownValues: false }), `${this.argName}.${i}`),
    );
    if (fieldErrors.length) throw badInput(fieldErrors);
    return items;
  }
}
