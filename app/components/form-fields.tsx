import { Alert, Button, Checkbox, Group, NativeSelect, PasswordInput, TextInput, type TextInputProps } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { isMessageKey, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";

/** What a refused action sent back (see app/modules/forms.server.ts). */
export interface FormState {
  errors?: Record<string, string>;
  values?: Record<string, string | string[]>;
}

/**
 * Binds fields to the last refused submission: its zh-TW message beside the field and what was
 * typed as the value, so nothing is lost on an error, with or without JavaScript.
 */
/**
 * A refusal is an i18n key, or a sentence a domain rule wrote for the person (the proposal workflow
 * explains each refusal in its own words, e.g. 「已有決議的提案不能撤回。」); an unknown key never shows raw.
 */
function errorText(t: ReturnType<typeof useT>, message: string): string {
  if (isMessageKey(message)) return t(message);
  return message.startsWith("errors.") ? t("errors.invalid") : message;
}

export function useFormFields(state: FormState | undefined, defaults: Record<string, string | string[] | boolean | number | null | undefined> = {}) {
  const t = useT();
  const errorOf = (name: string) => {
    const key = state?.errors?.[name];
    return key ? errorText(t, key) : undefined;
  };
  const valueOf = (name: string): string => {
    const typed = state?.values?.[name];
    if (typed !== undefined) return Array.isArray(typed) ? (typed[0] ?? "") : typed;
    const d = defaults[name];
    return d === null || d === undefined ? "" : String(d);
  };
  const listOf = (name: string): string[] => {
    const typed = state?.values?.[name];
    if (typed !== undefined) return Array.isArray(typed) ? typed : [typed];
    if (state?.values) return []; // submitted with none ticked
    const d = defaults[name];
    return Array.isArray(d) ? d : [];
  };
  const checked = (name: string): boolean => {
    if (state?.values) return state.values[name] === "on";
    return defaults[name] === true;
  };
  const formError = state?.errors?._form ? errorOf("_form") : undefined;
  return { t, state, errorOf, valueOf, listOf, checked, formError, hasErrors: Boolean(state?.errors && Object.keys(state.errors).length) };
}

export function FormErrorSummary({ state }: { state: FormState | undefined }) {
  const t = useT();
  if (!state?.errors || Object.keys(state.errors).length === 0) return null;
  const formLevel = state.errors._form;
  return (
    <Alert color="red" role="alert" title={t("common.formHasErrors")} data-testid="form-errors">
      {formLevel ? errorText(t, formLevel) : null}
    </Alert>
  );
}

type Fields = ReturnType<typeof useFormFields>;

export function TextField({ fields, name, label, ...rest }: { fields: Fields; name: string; label: string } & Omit<TextInputProps, "name" | "label">) {
  return <TextInput id={`f-${name}`} name={name} label={label} defaultValue={fields.valueOf(name)} error={fields.errorOf(name)} {...rest} />;
}

export function PasswordField({
  fields,
  name,
  label,
  description,
  autoComplete,
}: {
  fields: Fields;
  name: string;
  label: string;
  description?: string;
  autoComplete: string;
}) {
  // Passwords are never echoed back after an error: not by the server, and not left in the browser's field.
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (fields.state && ref.current) ref.current.value = "";
  }, [fields.state]);
  return <PasswordInput ref={ref} id={`f-${name}`} name={name} label={label} description={description} error={fields.errorOf(name)} autoComplete={autoComplete} required />;
}

export function SelectField({
  fields,
  name,
  label,
  data,
  required,
}: {
  fields: Fields;
  name: string;
  label: string;
  data: { value: string; label: string }[];
  required?: boolean;
}) {
  return <NativeSelect id={`f-${name}`} name={name} label={label} data={data} defaultValue={fields.valueOf(name)} error={fields.errorOf(name)} required={required} />;
}

export function CheckboxField({ fields, name, label }: { fields: Fields; name: string; label: string }) {
  return <Checkbox id={`f-${name}`} name={name} label={label} defaultChecked={fields.checked(name)} error={fields.errorOf(name)} />;
}

export function messageKey(key: string): MessageKey {
  return isMessageKey(key) ? key : "errors.invalid";
}

/** 「儲存」 and 「取消」 (back to the list) under every form. */
export function FormActions({ cancelTo }: { cancelTo: string }) {
  const t = useT();
  return (
    <Group>
      <Button type="submit">{t("common.save")}</Button>
      <Button component={Link} to={cancelTo} variant="default">
        {t("common.cancel")}
      </Button>
    </Group>
  );
}
