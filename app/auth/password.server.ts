import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 hashes with argon2id by default; these are OWASP's recommended costs.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string) {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string | null, password: string) {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the account does not exist keeps sign-in time the same,
// so timing does not reveal which addresses have accounts.
let decoy: Promise<string> | undefined;
export async function spendVerificationTime(password: string) {
  decoy ??= hashPassword("decoy password that matches nothing");
  await verifyPassword(await decoy, password);
}
