/** One invalid input field: `path` is the dotted path inside the operation's input, e.g. `company.vatNumber` or `levels.3.sequence`. */
export interface FieldError {
  path: string;
  message: string;
}
