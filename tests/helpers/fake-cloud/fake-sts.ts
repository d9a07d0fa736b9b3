/**
 * A fake AWS STS endpoint over HTTP for the real STSClient: the Query protocol (form-encoded POST, XML answers) of
 * AssumeRole and GetCallerIdentity, as in the STS API reference
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, API_GetCallerIdentity.html). It records
 * which access key signed each call (the SigV4 `Credential=` of the Authorization header), so a test sees which
 * credential made which call. It does not verify signatures.
 */
import { createServer, type Server } from "node:http";

export interface StsCall {
  readonly action: string;
  readonly accessKeyId: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface FakeSts {
  readonly url: string;
  readonly calls: StsCall[];
  /** Access keys the fake refuses with ExpiredToken. */
  readonly expired: Set<string>;
  close(): Promise<void>;
}

const xml = (action: string, body: string) =>
  `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>${body}</${action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${action}Response>`;

export async function startFakeSts(account = "123456789012"): Promise<FakeSts> {
  const calls: StsCall[] = [];
  const expired = new Set<string>();
  // Each AssumeRole hands out a key named after the role, so a test can follow the chain.
  const keyOfRole = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const accessKeyId = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ""))?.[1] ?? "(unsigned)";
      calls.push({ action: params.Action, accessKeyId, params });
      res.setHeader("content-type", "text/xml");
      if (expired.has(accessKeyId)) {
        res.statusCode = 403;
        res.end(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>req-2</RequestId></ErrorResponse>`);
        return;
      }
      if (params.Action === "AssumeRole") {
        const role = params.RoleArn.split("/").pop()!;
        const key = `ASIA${role.toUpperCase().replace(/[^A-Z0-9]/g, "")}`;
        keyOfRole.set(key, params.RoleArn);
        const expiration = new Date(Date.now() + 3600_000).toISOString();
        res.end(xml("AssumeRole", `<Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>secret-${role}</SecretAccessKey><SessionToken>token-${role}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::${account}:assumed-role/${role}/${params.RoleSessionName}</Arn><AssumedRoleId>AROA:${params.RoleSessionName}</AssumedRoleId></AssumedRoleUser>`));
        return;
      }
      if (params.Action === "GetCallerIdentity") {
        const role = keyOfRole.get(accessKeyId);
        const arn = role ? `arn:aws:sts::${account}:assumed-role/${role.split("/").pop()}/asc` : `arn:aws:iam::${account}:user/${accessKeyId}`;
        res.end(xml("GetCallerIdentity", `<Arn>${arn}</Arn><UserId>${accessKeyId}</UserId><Account>${account}</Account>`));
        return;
      }
      res.statusCode = 400;
      res.end(`<ErrorResponse><Error><Code>InvalidAction</Code><Message>${params.Action}</Message></Error></ErrorResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, calls, expired, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
