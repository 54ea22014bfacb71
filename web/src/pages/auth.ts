import type { Ctx, Page } from '../app';
import type { CartStore } from '../cart-store';
import { checkbox, done, field, form, h, orNull } from '../dom';
import { graphql } from '../graphql';
import { addressFields, COUNTRIES, logIn, readAddress, statusExplained } from '../customer';

const Register = graphql(`
  mutation Register($input: RegisterCustomerInput!) {
    registerCustomer(input: $input) {
      id
      status
      email
      company {
        name
        vatVerification {
          status
        }
      }
    }
  }
`);

const RequestPasswordReset = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

const ResetPassword = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      accessToken
      refreshToken
      expiresIn
    }
  }
`);

const ConfirmEmailChange = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token) {
      email
    }
  }
`);

const AcceptInvitation = graphql(`
  mutation AcceptInvitation($input: AcceptCompanyInvitationInput!) {
    acceptCompanyInvitation(input: $input) {
      email
      status
    }
  }
`);

const PASSWORD_HINT = 'At least 10 characters; not a common password.';

export function authPages(cart: CartStore) {
  const afterLogin = async (ctx: Ctx, email: string, password: string) => {
    const { cartId } = await logIn(ctx, cart.id, email, password);
    cart.id = cartId;
    ctx.refreshHeader();
  };

  const loginPage: Page = async (ctx, params) => [
    h('h1', null, 'Log in'),
    form(
      { label: 'Log in', submit: 'Log in' },
      [
        field('E-mail address', 'email', { type: 'email', required: true, autocomplete: 'username' }),
        field('Password', 'password', { type: 'password', required: true, autocomplete: 'current-password' }),
      ],
      async (v) => {
        await afterLogin(ctx, v.email, v.password);
        ctx.go(params.get('next') ?? '#/account');
      },
    ),
    h('p', null, h('a', { href: '#/reset' }, 'Forgot your password?')),
    h('p', null, 'New here? ', h('a', { href: '#/register' }, 'Create an account')),
  ];

  const registerPage: Page = async (ctx) => {
    const b2b = ctx.shop.audience === 'B2B';
    const result = h('div', { role: 'status' });
    const company = b2b
      ? h(
          'fieldset',
          null,
          h('legend', null, 'Your company'),
          field('Company name', 'companyName', { path: 'company.name', required: true, autocomplete: 'organization' }),
          field('VAT number', 'vatNumber', {
            path: 'company.vatNumber',
            required: true,
            hint: 'With country prefix, e.g. NL004495445B01. Checked with the EU VAT service (VIES).',
          }),
          field('KvK number', 'kvkNumber', {
            path: 'company.kvkNumber',
            hint: 'Dutch companies: the 8-digit Chamber of Commerce number.',
          }),
          ...addressFields('company.', 'company.address', {}, false),
        )
      : null;
    const f = form(
      { label: b2b ? 'Register your business account' : 'Create an account', submit: 'Create account' },
      [
        field('First name', 'firstName', { required: true, autocomplete: 'given-name' }),
        field('Last name', 'lastName', { required: true, autocomplete: 'family-name' }),
        field('E-mail address', 'email', { type: 'email', required: true, autocomplete: 'email' }),
        field('Password', 'password', { type: 'password', required: true, autocomplete: 'new-password', hint: PASSWORD_HINT }),
        field('Phone', 'phone', { type: 'tel', autocomplete: 'tel' }),
        company,
        checkbox('Send me the newsletter', 'newsletter'),
      ],
      async (v, formEl) => {
        const address = readAddress(v, 'company.');
        const { registerCustomer } = await ctx.api.request(Register, {
          input: {
            firstName: v.firstName,
            lastName: v.lastName,
            email: v.email,
            password: v.password,
            phone: orNull(v.phone),
            consents: [{ purpose: 'NEWSLETTER', granted: v.newsletter === 'on', textVersion: 'demo-1' }],
            company: b2b
              ? { name: v.companyName, vatNumber: v.vatNumber, kvkNumber: orNull(v.kvkNumber), country: address.country, address }
              : null,
          },
        });
        if (registerCustomer.status === 'ACTIVE') {
          await afterLogin(ctx, v.email, v.password);
          ctx.go('#/account?welcome=1');
          return;
        }
        formEl.hidden = true;
        result.replaceChildren(
          h('h2', null, 'Thank you for registering'),
          h('p', { class: 'notice warn', 'data-testid': 'pending' }, statusExplained(registerCustomer.status)),
        );
        result.focus();
      },
    );
    return [
      h('h1', null, b2b ? 'Register your business account' : 'Create an account'),
      b2b
        ? h(
            'p',
            null,
            `${ctx.shop.name} sells to businesses. Prices are shown without VAT; EU businesses outside ${ctx.shop.country} get VAT reverse charged.`,
          )
        : null,
      f,
      result,
      h('p', null, 'Already registered? ', h('a', { href: '#/login' }, 'Log in')),
    ];
  };

  /** Without a token: ask for the e-mail. With the token from the e-mail link: choose a new password. */
  const resetPage: Page = async (ctx, params) => {
    const token = params.get('token');
    if (!token) {
      return [
        h('h1', null, 'Reset your password'),
        form(
          { label: 'Request a password reset', submit: 'Send me a link' },
          [field('E-mail address', 'email', { type: 'email', required: true })],
          async (v, f) => {
            await ctx.api.request(RequestPasswordReset, { email: v.email });
            done(
              f,
              `If ${v.email} has an account here, we sent it a link to choose a new password. The link works for 60 minutes.`,
            );
          },
        ),
      ];
    }
    return [
      h('h1', null, 'Choose a new password'),
      form(
        { label: 'Choose a new password', submit: 'Save and log in' },
        [
          field('New password', 'newPassword', {
            type: 'password',
            required: true,
            autocomplete: 'new-password',
            hint: PASSWORD_HINT,
          }),
        ],
        async (v) => {
          const { resetPassword } = await ctx.api.request(ResetPassword, { token, newPassword: v.newPassword });
          ctx.api.setSession(resetPassword);
          ctx.refreshHeader();
          ctx.go('#/account');
        },
      ),
    ];
  };

  const confirmEmailPage: Page = async (ctx, params) => {
    const { confirmEmailChange } = await ctx.api.request(ConfirmEmailChange, { token: params.get('token') ?? '' });
    return [h('h1', null, 'E-mail address confirmed'), h('p', null, `Your e-mail address is now ${confirmEmailChange.email}.`)];
  };

  /** A colleague's invitation link: join the company as a buyer. */
  const joinPage: Page = async (ctx, params) => {
    const token = params.get('token') ?? '';
    const result = h('div', { role: 'status' });
    const f = form(
      { label: 'Join your company', submit: 'Join' },
      [
        field('First name', 'firstName', { required: true }),
        field('Last name', 'lastName', { required: true }),
        field('Password', 'password', { type: 'password', required: true, autocomplete: 'new-password', hint: PASSWORD_HINT }),
        field('Phone', 'phone', { type: 'tel' }),
      ],
      async (v, formEl) => {
        const { acceptCompanyInvitation } = await ctx.api.request(AcceptInvitation, {
          input: { token, firstName: v.firstName, lastName: v.lastName, password: v.password, phone: orNull(v.phone) },
        });
        formEl.hidden = true;
        result.replaceChildren(
          h('p', { class: 'notice' }, `Welcome! Log in as ${acceptCompanyInvitation.email}.`),
          h('a', { href: '#/login' }, 'Log in'),
        );
      },
    );
    return [h('h1', null, 'Join your company'), f, result];
  };

  return { loginPage, registerPage, resetPage, confirmEmailPage, joinPage, COUNTRIES };
}
