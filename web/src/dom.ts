import type { FieldError } from './api';

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined;
type Attrs = Record<string, AttrValue | ((ev: Event) => void)>;

/** Creates an element; text children are text nodes (never parsed as HTML), `on…` attributes are listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v ?? '');
    else if (k === 'checked' && el instanceof HTMLInputElement) el.checked = Boolean(v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false && v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else if (c !== null && c !== undefined && c !== false) el.appendChild(document.createTextNode(String(c)));
  }
}

let ids = 0;

export interface FieldOptions {
  /** The path of extensions.fieldErrors this field answers to, e.g. `company.vatNumber`. */
  path?: string;
  type?: string;
  value?: string | null;
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  pattern?: string;
  inputmode?: string;
}

/** A labelled input with its hint and an error line, tied together with aria-describedby. */
export function field(label: string, name: string, opts: FieldOptions = {}): HTMLDivElement {
  const id = `f${++ids}-${name}`;
  const hint = opts.hint ? h('p', { class: 'hint', id: `${id}-hint` }, opts.hint) : null;
  const error = h('p', { class: 'error', id: `${id}-error`, hidden: true });
  const input = h('input', {
    id,
    name,
    type: opts.type ?? 'text',
    value: opts.value ?? '',
    required: opts.required ?? false,
    autocomplete: opts.autocomplete,
    inputmode: opts.inputmode,
    'data-path': opts.path ?? name,
    'data-label': label,
    'aria-describedby': [`${id}-error`, hint ? `${id}-hint` : ''].filter(Boolean).join(' '),
  });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label, opts.required ? '' : h('span', { class: 'hint' }, ' (optional)')),
    hint,
    input,
    error,
  );
}

export function checkbox(label: string, name: string, checked = false): HTMLDivElement {
  const id = `f${++ids}-${name}`;
  return h(
    'div',
    { class: 'field check' },
    h('input', { id, name, type: 'checkbox', checked, 'data-path': name, 'aria-describedby': `${id}-error` }),
    h('label', { for: id }, label),
    h('p', { class: 'error', id: `${id}-error`, hidden: true }),
  );
}

/** The values of a form's named inputs (checkboxes as "on" or absent). */
export function values(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) out[k] = String(v);
  return out;
}

/** Empty optional text becomes null (cleared) or is left out. */
export const orNull = (v: string | undefined): string | null => (v && v.trim() ? v.trim() : null);

/**
 * Shows errors: each fieldError next to the input whose data-path ends with its path (paths are relative to
 * the input argument), the rest in the form's alert line. Focuses the first invalid field.
 */
export function showErrors(form: HTMLFormElement, message: string | null, fieldErrors: FieldError[] = []): void {
  for (const input of form.querySelectorAll<HTMLInputElement>('[data-path]')) {
    input.removeAttribute('aria-invalid');
    const err = document.getElementById(`${input.id}-error`);
    if (err) {
      err.textContent = '';
      err.hidden = true;
    }
  }
  const unplaced: string[] = [];
  let first: HTMLInputElement | null = null;
  for (const fe of fieldErrors) {
    const input = [...form.querySelectorAll<HTMLInputElement>('[data-path]')].find((i) => {
      const p = i.dataset.path!;
      return fe.path === p || fe.path.endsWith(`.${p}`) || p.endsWith(`.${fe.path}`);
    });
    const err = input && document.getElementById(`${input.id}-error`);
    if (input && err) {
      input.setAttribute('aria-invalid', 'true');
      // The API's messages are relative to the field ("must be at least 10 characters"): name it.
      err.textContent = /^[a-z]/.test(fe.message) && input.dataset.label ? `${input.dataset.label} ${fe.message}` : fe.message;
      err.hidden = false;
      first ??= input;
    } else unplaced.push(`${fe.path}: ${fe.message}`);
  }
  let alert = form.querySelector<HTMLElement>('.form-alert');
  if (!alert) {
    alert = h('p', { class: 'error form-alert', role: 'alert' });
    form.prepend(alert);
  }
  const text = [fieldErrors.length && !unplaced.length ? null : message, ...unplaced].filter(Boolean).join(' ');
  alert.textContent = fieldErrors.length && !unplaced.length ? 'Please correct the marked fields.' : text;
  alert.hidden = !alert.textContent;
  (first ?? (alert.hidden ? null : alert))?.focus?.();
}

export function money(amount: string, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
}

export function selectField(
  label: string,
  name: string,
  options: Array<[string, string]>,
  value: string,
  path = name,
): HTMLDivElement {
  const id = `f${++ids}-${name}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, name, 'data-path': path, 'data-label': label, 'aria-describedby': `${id}-error` },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
    h('p', { class: 'error', id: `${id}-error`, hidden: true }),
  );
}

/** A form whose submit runs `action` with the form's values; errors from the API land next to the fields. */
export function form(
  attrs: { label: string; submit: string; danger?: boolean },
  children: Child[],
  action: (v: Record<string, string>, form: HTMLFormElement) => Promise<void>,
): HTMLFormElement {
  const button = h('button', { type: 'submit', class: attrs.danger ? 'danger' : null }, attrs.submit);
  const el: HTMLFormElement = h(
    'form',
    {
      'aria-label': attrs.label,
      novalidate: true,
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        button.disabled = true;
        el.setAttribute('aria-busy', 'true');
        action(values(el), el)
          .then(() => showErrors(el, null))
          .catch((e: unknown) => {
            const err = e as { message?: string; fieldErrors?: FieldError[] };
            showErrors(el, err.message ?? String(e), err.fieldErrors ?? []);
          })
          .finally(() => {
            button.disabled = false;
            el.removeAttribute('aria-busy');
          });
      },
    },
    children,
    h('div', null, button),
  );
  return el;
}

/** Replaces a form's success line (role=status) with `text`. */
export function done(formEl: HTMLFormElement, text: string): void {
  let ok = formEl.querySelector<HTMLElement>('.form-ok');
  if (!ok) {
    ok = h('p', { class: 'notice form-ok', role: 'status' });
    formEl.append(ok);
  }
  ok.textContent = text;
}

/** Replaces an element's content. */
export function fill(el: Node & ParentNode, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}
