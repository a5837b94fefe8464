import { createContext, ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { deadlineText } from '@alur/contracts';
import { REGENCY_TIME_ZONE } from '../lib/regency-time';
import { Language, Messages, MESSAGES } from './messages';

const LANGUAGE_KEY = 'alur.language';

interface I18n {
  language: Language;
  t: Messages;
  setLanguage(language: Language): void;
  /** A date and time in the regency's time zone, written the reader's way. */
  dateTime(iso: string): string;
  /** A deadline the same way, except that one at midnight is the end of the day before (`9 Des 2026, 24.00`). */
  deadline(iso: string): string;
  date(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

let currentMessages: Messages = MESSAGES.id;
/** The texts of the language shown now, for helpers called outside a component's render (e.g. reasonOf). */
export const messagesNow = (): Messages => currentMessages;

/** Bahasa Indonesia unless the reader chose English on this device. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => (localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'id'));
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(() => {
    const locale = language === 'en' ? 'en-GB' : 'id-ID';
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      hourCycle: 'h23',
      timeZone: REGENCY_TIME_ZONE,
    });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: REGENCY_TIME_ZONE });
    currentMessages = MESSAGES[language];
    return {
      language,
      t: MESSAGES[language],
      setLanguage(next) {
        localStorage.setItem(LANGUAGE_KEY, next);
        setLanguageState(next);
      },
      dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
      deadline: (iso) => deadlineText(dateTimeFormat, new Date(iso)),
      date: (iso) => dateFormat.format(new Date(iso)),
    };
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
