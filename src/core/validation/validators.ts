import { Matches, registerDecorator, type ValidationOptions } from 'class-validator';
import { isContentLocale, mediaUrlProblem } from '../../../libs/catalog/src';
import { CODE_PATTERN, isCountry, isCurrency, isLocale } from '../../../libs/iso/src';
import { isPasswordTooLong, PASSWORD_MAX_LENGTH } from '../../../libs/passwords/src';

function simple(name: string, test: (v: string) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message, ...options },
        validator: { validate: (v: unknown) => typeof v === 'string' && test(v) },
      });
}

/** `^[a-z0-9][a-z0-9-]{1,62}$` */
export const IsCode = (options?: ValidationOptions) =>
  Matches(CODE_PATTERN, {
    message: 'must be 2-63 lower-case letters, digits or dashes, starting with a letter or digit',
    ...options,
  });
export const IsCurrencyCode = simple('isCurrencyCode', isCurrency, 'must be an ISO 4217 currency code such as EUR');
export const IsCountryCode = simple('isCountryCode', isCountry, 'must be an ISO 3166-1 alpha-2 country code such as NL');
export const IsLocaleCode = simple('isLocaleCode', isLocale, 'must be a locale with language and region such as nl-NL');
/** A translation's locale: a language (`nl`) or a language with a region (`nl-NL`), canonical BCP 47. */
export const IsContentLocale = simple(
  'isContentLocale',
  isContentLocale,
  'must be a BCP 47 language tag such as nl or nl-NL (language lower-case, region upper-case)',
);
/** An image reference: https, a host, at most 2,000 characters, no credentials or spaces. */
export const IsMediaUrl =
  (options?: ValidationOptions): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name: 'isMediaUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (a) => `${mediaUrlProblem(a.value) ?? 'must be an https URL'}`, ...options },
      validator: { validate: (v: unknown) => mediaUrlProblem(v) === null },
    });

/** Not empty once trimmed (a name of spaces is no name). */
export const NotBlank = simple('notBlank', (v) => v.trim().length > 0, 'must not be blank');

/**
 * A password argument: 1..PASSWORD_MAX_LENGTH characters (code points), checked before anything hashes it.
 * The full policy (minimum length, common passwords) is the service's, with the other field errors.
 */
export const IsPasswordLength = simple(
  'isPasswordLength',
  (v) => v.length > 0 && !isPasswordTooLong(v),
  `must be 1 to ${PASSWORD_MAX_LENGTH} characters`,
);
