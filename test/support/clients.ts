import { type GraphQLResponse, TestApp } from './app';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './env';

type Vars = Record<string, unknown>;

/** A caller of one API with fixed headers (Vendure-style `.withStorefront(token)`, `.asAdmin()`). */
export class ApiClient {
  constructor(
    readonly app: TestApp,
    readonly path: '/graphql' | '/admin/graphql',
    readonly headers: Record<string, string> = {},
  ) {}

  raw<T = any>(query: string, variables: Vars = {}): Promise<GraphQLResponse<T>> {
    return this.app.graphql<T>(this.path, query, variables, this.headers);
  }

  /** Runs an operation that must succeed; returns `data`. */
  async ok<T = any>(query: string, variables: Vars = {}): Promise<T> {
    const res = await this.raw<T>(query, variables);
    if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data;
  }

  /** Runs an operation that must fail; returns its first error's code (and the whole error). */
  async code(query: string, variables: Vars = {}): Promise<string | undefined> {
    const res = await this.raw(query, variables);
    return res.errors?.[0]?.extensions?.code;
  }

  with(headers: Record<string, string>): ApiClient {
    return new ApiClient(this.app, this.path, { ...this.headers, ...headers });
  }
}

export function storefrontClient(app: TestApp, token?: string, accessToken?: string): ApiClient {
  return new ApiClient(app, '/graphql', {
    ...(token ? { 'x-storefront-token': token } : {}),
    ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
  });
}

export function adminClient(app: TestApp, bearer?: string): ApiClient {
  return new ApiClient(app, '/admin/graphql', bearer ? { authorization: `Bearer ${bearer}` } : {});
}

export async function adminLogin(app: TestApp, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<ApiClient> {
  const data = await adminClient(app).ok<{ adminLogin: { accessToken: string } }>(
    `mutation($e: String!, $p: String!) { adminLogin(email: $e, password: $p) { accessToken } }`,
    { e: email, p: password },
  );
  return adminClient(app, data.adminLogin.accessToken);
}
