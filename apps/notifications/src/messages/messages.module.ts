import { Module } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { RegionDirectory, RegionsModule } from '@alur/regions';
import { TemplateRenderer } from './template-renderer';

/** The message templates, rendered in the regency's time zone with its region names: one renderer for the service. */
@Module({
  imports: [RegionsModule],
  providers: [
    {
      provide: TemplateRenderer,
      inject: [APP_ENV, RegionDirectory],
      useFactory: (appEnv: BaseEnv, regions: RegionDirectory) => new TemplateRenderer(appEnv.TIMEZONE, regions),
    },
  ],
  exports: [TemplateRenderer],
})
export class MessagesModule {}
