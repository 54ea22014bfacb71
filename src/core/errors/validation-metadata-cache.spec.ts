import { IsInt, IsOptional, IsString, MaxLength, Min, validateSync, type ValidatorOptions } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  @MaxLength(5)
  name!: string;
}

class Child extends Base {
  @IsInt()
  @Min(1)
  count!: number;
}

class Grouped {
  @IsString({ groups: ['strict'] })
  code!: unknown;

  @IsInt()
  size!: unknown;
}

const failed = (o: object, options: ValidatorOptions = {}) =>
  validateSync(o, options)
    .map(
      (e) =>
        `${e.property}:${Object.keys(e.constraints ?? {})
          .sort()
          .join(',')}`,
    )
    .sort();

const CASES: Array<[string, () => object, ValidatorOptions]> = [
  ['too long', () => Object.assign(new Base(), { name: 'toolong' }), {}],
  ['inherited + own', () => Object.assign(new Child(), { name: 'toolong', count: 'x' }), {}],
  ['valid child', () => Object.assign(new Child(), { name: 'ok', count: 2 }), {}],
  ['groups ignored', () => Object.assign(new Grouped(), { code: 1, size: 1 }), {}],
  ['strict groups, none given', () => Object.assign(new Grouped(), { code: 1, size: 'x' }), { strictGroups: true }],
  ['a group', () => Object.assign(new Grouped(), { code: 1, size: 'x' }), { groups: ['strict'] }],
  ['always', () => Object.assign(new Grouped(), { code: 1, size: 'x' }), { groups: ['strict'], always: true }],
];

describe('cacheValidationMetadata', () => {
  // What class-validator answers without the cache, then with it: the same, for every class and option.
  const before = CASES.map(([, make, options]) => failed(make(), options));

  it('answers as class-validator does without it, on every call, options kept apart', () => {
    cacheValidationMetadata();
    expect(before).toEqual([
      ['name:maxLength'],
      ['count:isInt,min', 'name:maxLength'],
      [],
      ['code:isString'],
      ['size:isInt'],
      ['code:isString'],
      ['code:isString', 'size:isInt'],
    ]);
    for (let i = 0; i < 3; i++) expect(CASES.map(([, make, options]) => failed(make(), options))).toEqual(before);
  });

  it('sees rules added after the first validations', () => {
    cacheValidationMetadata();
    expect(failed(Object.assign(new Base(), { name: 'toolong' }))).toEqual(['name:maxLength']);
    class Later extends Base {
      @IsOptional()
      @IsInt()
      size?: unknown;
    }
    expect(failed(Object.assign(new Later(), { name: 'toolong', size: 'x' }))).toEqual(['name:maxLength', 'size:isInt']);
    expect(failed(Object.assign(new Base(), { name: 'toolong' }))).toEqual(['name:maxLength']);
  });

  it('is installed once', () => {
    cacheValidationMetadata();
    cacheValidationMetadata();
    expect(failed(Object.assign(new Child(), { name: 'ok', count: 0 }))).toEqual(['count:min']);
  });
});
