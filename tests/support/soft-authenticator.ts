import { isoCBOR } from "@simplewebauthn/server/helpers";
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";

// A passkey in software, for route tests: it answers the portal's WebAuthn options as a browser
// with a P-256 authenticator would (attestation "none"), for whatever origin it is told to claim.

function sha256(data: Uint8Array | string) {
  return createHash("sha256").update(data).digest();
}

function b64url(data: Uint8Array) {
  return Buffer.from(data).toString("base64url");
}

export function softAuthenticator() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const credentialId = randomBytes(16);
  let counter = 0;
  const cosePublicKey = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
      [-3, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
    ]),
  );

  function authenticatorData(rpID: string, attested: boolean) {
    counter += 1;
    const flags = 0x01 | 0x04 | (attested ? 0x40 : 0);
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    const head = Buffer.concat([sha256(rpID), Buffer.from([flags]), count]);
    if (!attested) return head;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    return Buffer.concat([head, Buffer.alloc(16), idLength, credentialId, Buffer.from(cosePublicKey)]);
  }

  function clientData(type: string, challenge: string, origin: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  return {
    credentialId: b64url(credentialId),
    /** The answer to registration options, as `startRegistration` gives it. */
    register(options: { challenge: string; rp: { id?: string } }, origin: string) {
      const authData = authenticatorData(options.rp.id!, true);
      const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", new Uint8Array(authData)]]) as never);
      const clientDataJSON = clientData("webauthn.create", options.challenge, origin);
      return JSON.stringify({
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: "public-key",
        clientExtensionResults: {},
        response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["internal"] },
      });
    },
    /** The answer to authentication options, as `startAuthentication` gives it. */
    authenticate(options: { challenge: string; rpId?: string }, origin: string) {
      const authData = authenticatorData(options.rpId!, false);
      const clientDataJSON = clientData("webauthn.get", options.challenge, origin);
      const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), privateKey);
      return JSON.stringify({
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: "public-key",
        clientExtensionResults: {},
        response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature) },
      });
    },
  };
}
