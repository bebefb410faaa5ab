import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LANGUAGE, translator, type Language } from "./i18n";

interface RootData {
  language: Language;
}

export function useLanguage(): Language {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data?.language ?? DEFAULT_LANGUAGE;
}

export function useT() {
  return translator(useLanguage());
}
