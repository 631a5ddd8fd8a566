/**
 * The settings mail uses (SMTP_URL, MAIL_FROM, BASE_URL for links, DATA_DIR for the outbox).
 * Services have no request to read an app's config from, so they use the process-wide config
 * unless an app built with its own config (tests) registers it with useMailConfig().
 */
import { getConfig, type Config } from '../../config/env.js';

export type MailConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'baseUrl' | 'dataDir'>;

let override: MailConfig | undefined;

/** Makes mail use `config` instead of the process-wide config (undefined: back to it). */
export function useMailConfig(config: MailConfig | undefined): void {
  override = config;
}

/** The settings in force. */
export function mailConfig(): MailConfig {
  return override ?? getConfig();
}
