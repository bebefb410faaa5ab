/**
 * A rule of the domain refused the command (a duplicate number, an office out of scope…).
 * Routes turn it into a form error next to `field`, in the reader's language.
 */
export class DomainError extends Error {
  constructor(
    /** The form field the problem belongs to, or `_form`. */
    public field: string,
    /** An i18n key (app/i18n). */
    public messageKey: string,
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}
