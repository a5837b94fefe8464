import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DirectoryRepository } from '../directory/directory.repository';
import { Language } from '../messages/domain/notification-kind';
import { effectivePreferences, NotificationPreferences } from './domain/notification-preferences';
import { PreferencesRepository } from './preferences.repository';

/** A user's effective preferences: what they stored, over the gateway's language for them, over Bahasa Indonesia. */
@Injectable()
export class PreferencesReader {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly preferences: PreferencesRepository,
  ) {}

  async of(tx: EntityManager, userId: string): Promise<NotificationPreferences> {
    const user = await this.directory.findUser(tx, userId);
    return effectivePreferences(await this.preferences.find(tx, userId), user?.language ?? 'id');
  }

  async languageOf(tx: EntityManager, userId: string): Promise<Language> {
    return (await this.of(tx, userId)).language;
  }
}
