import 'reflect-metadata';
import { unguardedOperations } from './access-audit';

function op(kind: string, access?: object): MethodDecorator {
  return (_t, _k, d) => {
    Reflect.defineMetadata('graphql:resolver_type', kind, d.value as object);
    if (access) Reflect.defineMetadata('hub:access', access, d.value as object);
  };
}

describe('unguardedOperations (deny by default)', () => {
  it('passes when every operation declares an access rule, and ignores field resolvers', () => {
    class Good {
      @op('Query', { kind: 'storefront' }) products() {}
      @op('Mutation', { kind: 'admin' }) createBrand() {}
      @op('Field') variants() {}
      helper() {}
    }
    expect(unguardedOperations([Good])).toEqual([]);
  });

  it('names every query, mutation and subscription without one', () => {
    class Bad {
      @op('Query') leaky() {}
      @op('Subscription') spy() {}
      @op('Mutation', { kind: 'public' }) adminLogin() {}
    }
    expect(unguardedOperations([Bad])).toEqual(['Bad.leaky', 'Bad.spy']);
  });
});
