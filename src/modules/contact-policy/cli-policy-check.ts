import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { InputError, UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import {
  CHANNELS,
  POLICY_PRESETS,
  PURPOSES,
  evaluateContact,
  indonesianCalendar,
  isValidZone,
  policyPreset,
  validatePolicy,
  type Channel,
  type ContactPolicy,
  type PolicyPreset,
  type Purpose,
} from '../../domain/contact-policy/index.ts';

/** Without `--channel` we check SMS: the channel automated reminders use most. */
const DEFAULT_CHANNEL: Channel = 'sms';

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/**
 * `--at` must name an instant. An ISO string with `Z` or an offset is taken as is; one
 * without an offset is read as wall-clock time in `--zone` (what an operator usually means
 * by "10:00 in Makassar").
 */
function parseInstant(text: string, zone: string): Date {
  const parsed = DateTime.fromISO(text, { zone, setZone: false });
  if (!parsed.isValid) throw new InputError(`--at: '${text}' is not an ISO 8601 instant (e.g. 2026-08-17T10:00:00+07:00)`);
  return parsed.toJSDate();
}

/** UTC with `Z`, whole seconds unless the instant has milliseconds. */
export function formatInstantUtc(at: Date): string {
  const iso = at.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

async function loadPolicy(file: string | undefined, preset: string | undefined): Promise<ContactPolicy> {
  if (file !== undefined && preset !== undefined) throw new UsageError('give --policy or --preset, not both');
  if (preset !== undefined) {
    if (!isOneOf<PolicyPreset>(POLICY_PRESETS, preset)) {
      throw new InputError(`--preset: '${preset}' is not one of ${POLICY_PRESETS.join(', ')}`);
    }
    return policyPreset(preset);
  }
  if (file === undefined) return policyPreset('id-ojk');
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new InputError(`--policy: cannot read ${file} as JSON: ${(err as Error).message}`);
  }
  const result = validatePolicy(data);
  if (!result.ok) {
    throw new InputError(`--policy ${file}: ${result.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  }
  return result.policy;
}

/**
 * `tagih policy check`: answers "may we contact a debtor in this zone at this instant?"
 * for the debtor's own contact point with no history, as CONTRACTS.md specifies.
 * Missing flags are usage errors (exit 2); a flag whose value is wrong — unknown zone,
 * unparseable instant, unknown channel — is rejected input (exit 1), naming the flag.
 */
export const policyCheckCommand: CliCommand = {
  summary: 'Check whether contact is allowed at an instant in a debtor time zone',
  usage:
    '--zone IANA_ZONE --at ISO_INSTANT [--channel sms|whatsapp|email|voice|field] [--purpose collect|locate|reminder|service_reply] [--policy FILE.json | --preset id-ojk|us-reg-f]',
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        zone: { type: 'string' },
        at: { type: 'string' },
        channel: { type: 'string' },
        purpose: { type: 'string' },
        policy: { type: 'string' },
        preset: { type: 'string' },
      },
    });
    if (values.zone === undefined) throw new UsageError('--zone is required');
    if (values.at === undefined) throw new UsageError('--at is required');
    if (!isValidZone(values.zone)) throw new InputError(`--zone: '${values.zone}' is not a known IANA time zone (e.g. Asia/Jakarta)`);
    const at = parseInstant(values.at, values.zone);
    const channel = values.channel ?? DEFAULT_CHANNEL;
    if (!isOneOf<Channel>(CHANNELS, channel)) throw new InputError(`--channel: '${channel}' is not one of ${CHANNELS.join(', ')}`);
    const purpose = values.purpose ?? 'collect';
    if (!isOneOf<Purpose>(PURPOSES, purpose)) throw new InputError(`--purpose: '${purpose}' is not one of ${PURPOSES.join(', ')}`);
    const policy = await loadPolicy(values.policy, values.preset);

    const decision = evaluateContact(policy, indonesianCalendar(), {
      at,
      zone: values.zone,
      channel,
      purpose,
      contactPoint: { isDebtorOwn: true, isEmergency: false, emergencyConsent: false, optedOutChannels: [], consentedChannels: CHANNELS },
      debtor: { openDispute: false, openComplaint: false },
      history: [],
    });
    writeJsonLine(ctx.stdout, {
      allowed: decision.allowed,
      reasons: decision.reasons,
      next_allowed_at: decision.nextAllowedAt === null ? null : formatInstantUtc(decision.nextAllowedAt),
    });
    return 0;
  },
};

export default policyCheckCommand;
