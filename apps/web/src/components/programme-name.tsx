import { useEffect, useState } from 'react';
import { api } from '../api/api-client';
import type { AnswerOf, ListProgrammes } from '@alur/contracts';

let names: Promise<Map<string, string>> | undefined;

/** Programme names by code, asked once per visit (the list rarely changes while a page is open). */
export function programmeNames(): Promise<Map<string, string>> {
  names ??= api<AnswerOf<typeof ListProgrammes>>('GET', '/programmes')
    .then((list) => new Map(list.filter((p) => p.latest).map((p) => [p.code, p.latest!.name])))
    .catch(() => {
      names = undefined;
      return new Map<string, string>();
    });
  return names;
}

const NONE: ReadonlyMap<string, string> = new Map();

/** Programme names by code for a page: empty until asked, then as `programmeNames()` answers. */
export function useProgrammeNames(): ReadonlyMap<string, string> {
  const [names, setNames] = useState(NONE);
  useEffect(() => {
    let alive = true;
    void programmeNames().then((map) => alive && setNames(map));
    return () => {
      alive = false;
    };
  }, []);
  return names;
}

/** A programme by its name (e.g. "KOTAKU (Kota Tanpa Kumuh) 2026"), its code until the name is known. */
export function ProgrammeName({ code }: { code: string }) {
  return <>{useProgrammeNames().get(code) ?? code}</>;
}
