/**
 * The server's own secrets, kept like the other generated credentials: under <RINGLENS_HOME>/credentials/ (git-ignored,
 * folder 0700, files 0600), created on first start and read on every later one.
 *   bundle-signing.key      Ed25519 private key (PKCS#8 PEM) that signs evidence bundle manifests
 *   bundle-signing.pub.pem  its public key (SPKI PEM, 0644): give it to whoever verifies bundles
 *   device-cookie.key       HMAC key of the sign-in device cookies (server/auth/device-cookie.ts)
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerSecrets {
  signingKey: KeyObject;
  publicKey: KeyObject;
  deviceCookieKey: Uint8Array;
}

export function credentialsDir(home: string): string {
  return join(home, 'credentials');
}

export function publicKeyPath(home: string): string {
  return join(credentialsDir(home), 'bundle-signing.pub.pem');
}

/** Secrets that live as long as the process: for tests and for a server started without a home folder. */
export function ephemeralSecrets(): ServerSecrets {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signingKey: privateKey, publicKey, deviceCookieKey: randomBytes(32) };
}

function writeSecret(file: string, text: string, mode: number): void {
  writeFileSync(file, text, { mode, flag: 'wx' });
  chmodSync(file, mode);
}

/** Reads the secrets from <home>/credentials/, creating any that is missing (first start). */
export function loadOrCreateSecrets(home: string, log: (line: string) => void = () => {}): ServerSecrets {
  const dir = credentialsDir(home);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = join(dir, 'bundle-signing.key');
  const pubFile = publicKeyPath(home);
  if (!existsSync(keyFile)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeSecret(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
    log(`Created the evidence-bundle signing key ${keyFile} (mode 0600); its public key is ${pubFile}.`);
  }
  const signingKey = createPrivateKey(readFileSync(keyFile));
  const publicKey = createPublicKey(signingKey);
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if (!existsSync(pubFile) || readFileSync(pubFile, 'utf8') !== pem) {
    writeFileSync(pubFile, pem, { mode: 0o644 });
    chmodSync(pubFile, 0o644);
  }
  const deviceFile = join(dir, 'device-cookie.key');
  if (!existsSync(deviceFile)) writeSecret(deviceFile, `${randomBytes(32).toString('hex')}\n`, 0o600);
  const deviceCookieKey = Buffer.from(readFileSync(deviceFile, 'utf8').trim(), 'hex');
  return { signingKey, publicKey, deviceCookieKey };
}
