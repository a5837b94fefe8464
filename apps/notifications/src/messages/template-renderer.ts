import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { englishCount, Role } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { Audience } from '../recipients/domain/audience';
import { formatDateTime, formatDeadline, formatRupiah } from './domain/message-format';
import { Language, LANGUAGES, NOTIFICATION_KINDS, NotificationKind } from './domain/notification-kind';
import { RenderedMessage } from './domain/rendered-message';
import { templatesDirectory } from './templates-directory';

export type { RenderedMessage } from './domain/rendered-message';

/** What a template sees besides the helpers; `actingFor` becomes "<role> <region>" in the template's language. */
export type TemplateValues = Record<string, unknown> & { actingFor?: Audience | null };

const ROLE_NAMES: Record<Language, Record<Role, string>> = {
  id: {
    BKM: 'BKM',
    LURAH: 'Lurah/Kepala Desa',
    CAMAT: 'Camat',
    DINAS: 'Dinas Teknis',
    SEKDA: 'Sekretaris Daerah',
    BUPATI: 'Bupati',
    BPKAD: 'BPKAD',
    ADMIN: 'Admin',
    VERIFIKATOR: 'Verifikator Dinas Teknis',
    INSPEKTORAT: 'Inspektorat',
  },
  en: {
    BKM: 'BKM',
    LURAH: 'Lurah/Village Head',
    CAMAT: 'Camat (district head)',
    DINAS: 'technical agency (Dinas)',
    SEKDA: 'Regional Secretary (Sekda)',
    BUPATI: 'Bupati (regent)',
    BPKAD: 'finance agency (BPKAD)',
    ADMIN: 'administrator',
    VERIFIKATOR: 'field verifier (Dinas)',
    INSPEKTORAT: 'inspectorate (internal audit)',
  },
};

/**
 * Renders the message templates: one Handlebars file per kind and language, whose first line is the
 * title (the e-mail subject) and whose remaining lines, after a blank one, are the body. Plain text,
 * so nothing is HTML-escaped; strict, so a template naming a value the code does not give fails
 * loudly (the unit tests render every template) instead of sending a blank.
 */
export class TemplateRenderer {
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();
  /** Per language, made once rather than for every message rendered. */
  private readonly helpersOf: Record<Language, Record<string, Handlebars.HelperDelegate>>;

  constructor(
    private readonly timeZone: string,
    private readonly regions: Pick<RegionDirectory, 'get' | 'placeNameOf'>,
    directory: string = templatesDirectory(),
  ) {
    this.helpersOf = { id: this.helpers('id'), en: this.helpers('en') };
    const engine = Handlebars.create();
    for (const language of LANGUAGES) {
      for (const { template } of Object.values(NOTIFICATION_KINDS)) {
        const source = readFileSync(join(directory, language, `${template}.hbs`), 'utf8');
        this.templates.set(`${language}/${template}`, engine.compile(source, { noEscape: true, strict: true }));
      }
    }
  }

  render(kind: NotificationKind, language: Language, values: TemplateValues): RenderedMessage {
    const template = this.templates.get(`${language}/${NOTIFICATION_KINDS[kind].template}`)!;
    const text = template(
      { ...values, actingFor: values.actingFor ? this.describe(values.actingFor, language) : null },
      { helpers: this.helpersOf[language] },
    );
    const [title, ...rest] = text.replace(/\r\n/g, '\n').split('\n');
    return {
      title: title.trim(),
      body: rest
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
    };
  }

  /** Both languages at once: the inbox shows whichever the user reads when they open it. */
  renderAll(kind: NotificationKind, values: TemplateValues): Record<Language, RenderedMessage> {
    return { id: this.render(kind, 'id', values), en: this.render(kind, 'en', values) };
  }

  regionName(code: string): string {
    return this.regions.get(code)?.name ?? code;
  }

  private describe(audience: Audience, language: Language): string {
    return `${ROLE_NAMES[language][audience.role]} ${this.regionName(audience.regionCode)}`;
  }

  private helpers(language: Language): Record<string, Handlebars.HelperDelegate> {
    return {
      rupiah: (amount: number) => formatRupiah(amount),
      dateTime: (iso: string) => formatDateTime(iso, language, this.timeZone),
      deadline: (iso: string) => formatDeadline(iso, language, this.timeZone),
      roleName: (role: Role) => ROLE_NAMES[language][role] ?? role,
      regionName: (code: string) => this.regionName(code),
      /** A region as readers name it: "Kec. Mandau", "Balik Alam, Kec. Mandau". */
      placeName: (code: string) => this.regions.placeNameOf(code),
      /** A count and its noun, for the English templates: `{{counted trancheCount "tranche"}}` is "1 tranche", "3 tranches". */
      counted: (n: number, singular: string, ...rest: unknown[]) =>
        // Handlebars hands its options object last: a plural is there only when the template names one.
        englishCount(n, singular, rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined),
    };
  }
}
