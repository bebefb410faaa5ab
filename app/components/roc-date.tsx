import { formatRocDate, formatRocDateTime } from "~/i18n/dates";
import { useLanguage } from "~/i18n/use-t";

/** A date in the ROC calendar, with the machine-readable ISO value for assistive tech and copying. */
export function RocDate({ value, withTime = false }: { value: string | Date; withTime?: boolean }) {
  const language = useLanguage();
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{withTime ? formatRocDateTime(date, language) : formatRocDate(date, language)}</time>;
}
