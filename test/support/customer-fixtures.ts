import type { ApiClient } from './clients';

export const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) {
  id email firstName lastName phone status rejectionReason
  company { id name country vatNumber kvkNumber role vatVerification { status checkedAt consultationNumber registeredName } address { street houseNumber postalCode city country } }
} }`;
export const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken expiresIn customer { id email status } } }`;
export const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken customer { id } } }`;
export const ME = `{ me { id email firstName lastName phone status company { name role vatVerification { status } } } }`;
export const PASSWORD = 'correct horse battery staple';

let n = 0;
export function b2cInput(overrides: Record<string, unknown> = {}) {
  n += 1;
  return { email: `buyer${n}.${process.pid}@example.nl`, password: PASSWORD, firstName: 'Jan', lastName: 'Jansen', ...overrides };
}

export function b2bInput(vatNumber: string, overrides: Record<string, unknown> = {}, company: Record<string, unknown> = {}) {
  return b2cInput({
    company: {
      name: 'Voorbeeld B.V.',
      country: 'NL',
      vatNumber,
      kvkNumber: '69599084',
      address: { street: 'Kerkstraat', houseNumber: '1', postalCode: '1234ab', city: 'Amsterdam', country: 'NL' },
      ...company,
    },
    ...overrides,
  });
}

export async function register(sf: ApiClient, input: unknown) {
  return (await sf.ok(REGISTER, { i: input })).registerCustomer;
}

export async function login(sf: ApiClient, email: string, password = PASSWORD) {
  return (await sf.ok(LOGIN, { e: email, p: password })).login as {
    accessToken: string;
    refreshToken: string;
    customer: { id: string };
  };
}

export async function waitUntil<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let v = await probe();
  while (!ok(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    v = await probe();
  }
  return v;
}
