/** The host's authentication primitives: password hashing and policy, credentials, sign-in throttling. */
export { ARGON2ID_PARAMETERS, ARGON2ID_PHC_PREFIX, hashPassword, verifyPassword, needsRehash, type Argon2Parameters } from './password-hash.js';
export { checkPassword, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, type PasswordContext } from './password-policy.js';
export { COMMON_PASSWORD_COUNT } from './common-passwords.js';
export { normalizePassword, normalizeLogin } from './normalize.js';
export { TOTP_PARAMETERS, matchTotpCode, newTotpSecret, totpStepAt, totpUri, type TotpCheck } from './totp-code.js';
export { totpQrCodeSvg, svgDataUrl } from './totp-qr-code.js';
export { aesGcmSecretCipher, plainSecretCipher, type SecretCipher } from './secret-cipher.js';
export { RECOVERY_CODE_COUNT, canonicalRecoveryCode } from './recovery-code.js';
export { CredentialStore, type CredentialStoreOptions } from './credential-store.js';
export { PasswordStore, type PasswordStoreOptions } from './password-store.js';
export { TotpStore, type TotpStoreOptions, type TotpEnrolment, type TotpStatus } from './totp-store.js';
export { RecoveryCodeStore, type RecoveryCodeStoreOptions } from './recovery-code-store.js';
export {
  LoginThrottle,
  DEFAULT_ACCOUNT_LIMIT,
  DEFAULT_ADDRESS_LIMIT,
  type LoginThrottleOptions,
  type ThrottleLimit,
  type LoginSource,
  type LoginAttempt,
  type FailureOutcome,
} from './login-throttle.js';
export { sourceAddressKey } from './throttle-subjects.js';
export {
  PASSWORDS_TABLE,
  TOTP_TABLE,
  RECOVERY_CODES_TABLE,
  LOGIN_FAILURES_TABLE,
  LOGIN_LOCKS_TABLE,
} from './tables.js';
