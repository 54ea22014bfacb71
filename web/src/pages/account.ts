import type { Ctx, Page } from '../app';
import type { CartStore } from '../cart-store';
import { type Child, checkbox, done, field, form, h } from '../dom';
import { graphql, readFragment } from '../graphql';
import {
  AddAddress,
  AddressFields,
  addressFields,
  formatAddress,
  Me,
  type MeResult,
  readAddress,
  statusExplained,
} from '../customer';

const UpdateProfile = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateMyProfile(input: $input) {
      firstName
      lastName
      phone
    }
  }
`);
const UpdateAddress = graphql(`
  mutation UpdateAddress($id: ID!, $input: AddressInput!) {
    updateMyAddress(id: $id, input: $input) {
      id
    }
  }
`);
const RemoveAddress = graphql(`
  mutation RemoveAddress($id: ID!) {
    removeMyAddress(id: $id)
  }
`);
const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);
const RequestEmailChange = graphql(`
  mutation RequestEmailChange($newEmail: String!, $password: String!) {
    requestEmailChange(newEmail: $newEmail, password: $password)
  }
`);
const SetConsents = graphql(`
  mutation SetConsents($input: [ConsentInput!]!) {
    setMyConsents(input: $input) {
      purpose
      granted
    }
  }
`);
const UpdateCompany = graphql(`
  mutation UpdateCompany($input: UpdateCompanyInput!) {
    updateMyCompany(input: $input) {
      name
      vatNumber
      vatVerification {
        status
      }
    }
  }
`);
const InviteColleague = graphql(`
  mutation InviteColleague($email: String!) {
    inviteColleague(email: $email)
  }
`);
const ExportMyData = graphql(`
  mutation ExportMyData {
    exportMyData
  }
`);
const DeleteMyAccount = graphql(`
  mutation DeleteMyAccount($password: String!) {
    deleteMyAccount(password: $password)
  }
`);
const Logout = graphql(`
  mutation Logout {
    logout
  }
`);

const CONSENTS = [
  ['NEWSLETTER', 'Newsletter by e-mail'],
  ['PERSONALISATION', 'Personalised offers'],
  ['ANALYTICS', 'Analytics of my visits'],
] as const;
const PASSWORD_HINT = 'At least 10 characters; not a common password.';

function section(title: string, id: string, ...children: Child[]): HTMLElement {
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function accountPage(cart: CartStore): Page {
  const endSession = (ctx: Ctx) => {
    ctx.api.setSession(null);
    cart.id = null;
    ctx.refreshHeader();
  };

  return async (ctx, params) => {
    if (!ctx.api.session) {
      ctx.go('#/login?next=%23%2Faccount');
      return [];
    }
    const { me } = await ctx.api.request(Me, {});
    if (!me) {
      endSession(ctx);
      ctx.go('#/login');
      return [];
    }
    const reload = () => ctx.go(`#/account?t=${Date.now()}`);
    return [
      h('h1', null, 'My account'),
      params.get('welcome')
        ? h('p', { class: 'notice', role: 'status' }, `Welcome, ${me.firstName}! Your account is ready.`)
        : null,
      me.status !== 'ACTIVE' ? h('p', { class: 'notice warn' }, statusExplained(me.status, me.rejectionReason)) : null,
      h('p', null, h('a', { href: '#/orders' }, 'My orders')),
      profile(ctx, me),
      addresses(ctx, me, reload),
      me.company ? company(ctx, me.company) : null,
      section(
        'Sign-in',
        'sec-signin',
        h('p', null, 'E-mail address: ', h('strong', { 'data-testid': 'email' }, me.email)),
        form(
          { label: 'Change e-mail address', submit: 'Change e-mail address' },
          [
            field('New e-mail address', 'newEmail', { type: 'email', required: true }),
            field('Password', 'password', { type: 'password', required: true, autocomplete: 'current-password' }),
          ],
          async (v, f) => {
            await ctx.api.request(RequestEmailChange, { newEmail: v.newEmail, password: v.password });
            done(f, `We sent a confirmation link to ${v.newEmail}. Your address changes once you open it.`);
          },
        ),
        form(
          { label: 'Change password', submit: 'Change password' },
          [
            field('Current password', 'currentPassword', { type: 'password', required: true, autocomplete: 'current-password' }),
            field('New password', 'newPassword', {
              type: 'password',
              required: true,
              autocomplete: 'new-password',
              hint: PASSWORD_HINT,
            }),
          ],
          async (v, f) => {
            await ctx.api.request(ChangePassword, { currentPassword: v.currentPassword, newPassword: v.newPassword });
            f.reset();
            done(f, 'Your password was changed. Every other session was logged out.');
          },
        ),
      ),
      consents(ctx, me),
      privacy(ctx, endSession),
      h(
        'p',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: async () => {
              await ctx.api.request(Logout, {}).catch(() => undefined);
              endSession(ctx);
              ctx.go('#/');
            },
          },
          'Log out',
        ),
      ),
    ];
  };
}

function profile(ctx: Ctx, me: MeResult): HTMLElement {
  return section(
    'Profile',
    'sec-profile',
    form(
      { label: 'Profile', submit: 'Save profile' },
      [
        field('First name', 'firstName', { value: me.firstName, required: true, autocomplete: 'given-name' }),
        field('Last name', 'lastName', { value: me.lastName, required: true, autocomplete: 'family-name' }),
        field('Phone', 'phone', { type: 'tel', value: me.phone, autocomplete: 'tel', hint: 'Empty removes it.' }),
      ],
      async (v, f) => {
        const { updateMyProfile } = await ctx.api.request(UpdateProfile, {
          input: { firstName: v.firstName, lastName: v.lastName, phone: v.phone.trim() },
        });
        (f.elements.namedItem('phone') as HTMLInputElement).value = updateMyProfile.phone ?? '';
        done(f, 'Profile saved.');
      },
    ),
  );
}

function addresses(ctx: Ctx, me: MeResult, reload: () => void): HTMLElement {
  const list = me.addresses.map((ref) => readFragment(AddressFields, ref));
  const editor = (a?: (typeof list)[number]) =>
    form(
      { label: a ? 'Edit address' : 'Add an address', submit: a ? 'Save address' : 'Add address' },
      addressFields('', '', a ?? {}),
      async (v) => {
        const input = readAddress(v, '');
        if (a) await ctx.api.request(UpdateAddress, { id: a.id, input });
        else await ctx.api.request(AddAddress, { input });
        reload();
      },
    );
  const slot = h('div');
  return section(
    'Addresses',
    'sec-addresses',
    list.length
      ? h(
          'ul',
          { class: 'grid', 'aria-label': 'My addresses' },
          list.map((a) =>
            h(
              'li',
              { class: 'card' },
              h('p', null, formatAddress(a)),
              a.defaultShipping || a.defaultBilling
                ? h(
                    'p',
                    { class: 'hint' },
                    [a.defaultShipping ? 'Default shipping' : '', a.defaultBilling ? 'Default billing' : '']
                      .filter(Boolean)
                      .join(' · '),
                  )
                : null,
              h(
                'p',
                null,
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    onclick: () => slot.replaceChildren(h('h3', null, 'Edit address'), editor(a)),
                  },
                  'Edit',
                ),
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    'aria-label': `Remove ${a.street} ${a.houseNumber}`,
                    onclick: async () => {
                      await ctx.api.request(RemoveAddress, { id: a.id });
                      reload();
                    },
                  },
                  'Remove',
                ),
              ),
            ),
          ),
        )
      : h('p', null, 'No addresses yet.'),
    slot,
    h('details', null, h('summary', null, 'Add an address'), editor()),
  );
}

function company(ctx: Ctx, c: NonNullable<MeResult['company']>): HTMLElement {
  const admin = c.role === 'ADMIN';
  const v = c.vatVerification;
  return section(
    'Company',
    'sec-company',
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, 'Name'),
      h('dd', null, c.name),
      h('dt', null, 'VAT number'),
      h('dd', null, c.vatNumber),
      h('dt', null, 'VAT check (VIES)'),
      h(
        'dd',
        { 'data-testid': 'vat-status' },
        v.status,
        v.consultationNumber ? ` · consultation ${v.consultationNumber}` : '',
        v.registeredName ? ` · ${v.registeredName}` : '',
      ),
      h('dt', null, 'KvK number'),
      h('dd', null, c.kvkNumber ?? '—'),
      h('dt', null, 'Address'),
      h('dd', null, formatAddress(readFragment(AddressFields, c.address))),
      h('dt', null, 'My role'),
      h('dd', null, admin ? 'Administrator' : 'Buyer'),
    ),
    admin
      ? [
          form(
            { label: 'Company details', submit: 'Save company' },
            [
              field('Company name', 'name', { value: c.name, required: true }),
              field('VAT number', 'vatNumber', {
                value: c.vatNumber,
                required: true,
                hint: 'A new number is checked with VIES again.',
              }),
            ],
            async (values, f) => {
              const { updateMyCompany } = await ctx.api.request(UpdateCompany, {
                input: { name: values.name, vatNumber: values.vatNumber === c.vatNumber ? null : values.vatNumber },
              });
              done(f, `Saved. VAT check: ${updateMyCompany.vatVerification.status}.`);
            },
          ),
          form(
            { label: 'Invite a colleague', submit: 'Send invitation' },
            [
              field('Colleague’s e-mail address', 'email', {
                type: 'email',
                required: true,
                hint: 'They join the company as a buyer.',
              }),
            ],
            async (values, f) => {
              await ctx.api.request(InviteColleague, { email: values.email });
              f.reset();
              done(f, `Invitation sent to ${values.email}.`);
            },
          ),
        ]
      : h('p', { class: 'hint' }, 'Only the company’s administrator can change these details and invite colleagues.'),
  );
}

function consents(ctx: Ctx, me: MeResult): HTMLElement {
  const granted = new Set(me.consents.filter((c) => c.granted).map((c) => c.purpose));
  return section(
    'Privacy choices',
    'sec-consents',
    form(
      { label: 'Privacy choices', submit: 'Save choices' },
      [
        h(
          'fieldset',
          null,
          h('legend', null, 'I agree to'),
          CONSENTS.map(([purpose, label]) => checkbox(label, purpose, granted.has(purpose))),
        ),
      ],
      async (v, f) => {
        await ctx.api.request(SetConsents, {
          input: CONSENTS.map(([purpose]) => ({ purpose, granted: v[purpose] === 'on', textVersion: 'demo-1' })),
        });
        done(f, 'Your choices were saved.');
      },
    ),
  );
}

function privacy(ctx: Ctx, endSession: (ctx: Ctx) => void): HTMLElement {
  return section(
    'My data',
    'sec-data',
    h('p', null, 'Download everything this shop holds about you, as a JSON file.'),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: async () => {
          const { exportMyData } = await ctx.api.request(ExportMyData, {});
          const url = URL.createObjectURL(new Blob([JSON.stringify(exportMyData, null, 2)], { type: 'application/json' }));
          const a = h('a', { href: url, download: 'my-data.json' });
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
          ctx.announce('Your data was downloaded as my-data.json.');
        },
      },
      'Download my data',
    ),
    h('h3', null, 'Delete my account'),
    h('p', null, 'This erases your personal data now and cannot be undone. Orders keep their amounts, without your name.'),
    form(
      { label: 'Delete my account', submit: 'Delete my account', danger: true },
      [
        field('Password', 'password', {
          type: 'password',
          required: true,
          autocomplete: 'current-password',
          hint: 'To confirm it is you.',
        }),
        checkbox('I understand that my account and personal data are erased for good', 'confirm'),
      ],
      async (v) => {
        if (v.confirm !== 'on')
          throw Object.assign(new Error('Tick the box to confirm.'), {
            fieldErrors: [{ path: 'confirm', message: 'Tick the box to confirm.' }],
          });
        await ctx.api.request(DeleteMyAccount, { password: v.password });
        endSession(ctx);
        ctx.go('#/account-deleted');
      },
    ),
  );
}

export const accountDeletedPage: Page = async () => [
  h('h1', null, 'Your account was deleted'),
  h('p', { role: 'status' }, 'Your personal data was erased and you were logged out.'),
  h('p', null, h('a', { href: '#/' }, 'Back to the shop')),
];
