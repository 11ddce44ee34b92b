// A local SMTP server for the journeys: coopkit sends its mail here (run.sh points the server's
// COOPKIT_SMTP_* settings at this port), and a journey reads what a person would find in their
// inbox: the links in a message to them. It speaks just enough SMTP for lettre (greeting, EHLO,
// MAIL, RCPT, DATA, QUIT) and decodes the quoted-printable and base64 parts lettre writes.
import { createServer } from "node:net";

export class Mailbox {
  constructor() {
    this.messages = [];
    this.waiting = [];
  }

  /// Listens on this port (run.sh chose it and gave it to the server too).
  async listen(port) {
    this.server = createServer((socket) => this.serve(socket));
    await new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", resolve);
    });
  }

  async close() {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve()));
  }

  serve(socket) {
    let buffer = "";
    let inData = false;
    let data = [];
    let to = [];
    const reply = (line) => socket.write(`${line}\r\n`);
    reply("220 mailbox.test ESMTP ready");
    socket.setEncoding("latin1");
    socket.on("data", (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            this.receive(to, data.join("\n"));
            to = [];
            data = [];
            reply("250 OK queued");
          } else data.push(line.startsWith("..") ? line.slice(1) : line);
          continue;
        }
        const upper = line.toUpperCase();
        if (upper.startsWith("EHLO") || upper.startsWith("HELO")) socket.write("250-mailbox.test\r\n250 8BITMIME\r\n");
        else if (upper.startsWith("RCPT TO")) {
          to.push(line.slice(8).trim().replace(/^<|>$/g, "").toLowerCase());
          reply("250 OK");
        } else if (upper === "DATA") {
          inData = true;
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (upper === "QUIT") {
          reply("221 Bye");
          socket.end();
        } else reply("250 OK");
      }
    });
    socket.on("error", () => {});
  }

  receive(to, raw) {
    const message = { to, raw, subject: header(raw, "Subject"), text: decodeText(raw), attachments: attachmentNames(raw) };
    this.messages.push(message);
    for (const w of [...this.waiting]) {
      if (w.matches(message)) {
        this.waiting.splice(this.waiting.indexOf(w), 1);
        w.resolve(message);
      }
    }
  }

  /// The first message to `address` whose subject or text matches `pattern` and that has not
  /// been taken yet, waiting up to 15 s for it: coopkit sends after the page answers.
  async take(address, pattern = /./, timeoutMs = 15_000) {
    const matches = (m) => !m.taken && m.to.includes(address.toLowerCase()) && (pattern.test(m.subject) || pattern.test(m.text));
    const found = this.messages.find(matches);
    const message = found ?? (await new Promise((resolve, reject) => {
      const w = { matches, resolve };
      this.waiting.push(w);
      setTimeout(() => {
        if (!this.waiting.includes(w)) return;
        this.waiting.splice(this.waiting.indexOf(w), 1);
        const seen = this.messages.map((m) => `${m.to.join(",")}: ${m.subject}`).join("; ");
        reject(new Error(`no email to ${address} matching ${pattern} within ${timeoutMs} ms; mail so far: ${seen || "none"}`));
      }, timeoutMs);
    }));
    message.taken = true;
    return message;
  }

  /// Messages to this address so far.
  to(address) {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }
}

/// The links in a message's text, in order.
export function links(message) {
  return [...message.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0].replace(/[.,)]+$/, ""));
}

function header(raw, name) {
  const head = raw.split(/\n\n/)[0].replace(/\n[ \t]+/g, " ");
  const line = head.split("\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : "";
}

// Encoded words in headers (=?utf-8?q?...?= or =?utf-8?b?...?=), as lettre writes non-ASCII subjects.
function decodeWords(value) {
  return value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_, enc, text) =>
    enc.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"));
}

// Every text/plain part (or the whole body of a single-part message), decoded, looking inside
// nested multiparts. Parts are split at each multipart's own boundary only: a quoted-printable
// line may itself start with "--" (a link's token broken across lines), which is no boundary.
function decodeText(raw) {
  return textParts(raw).join("\n");
}

function textParts(entity) {
  const split = entity.indexOf("\n\n");
  if (split < 0) return [];
  const head = entity.slice(0, split).replace(/\n[ \t]+/g, " ").toLowerCase();
  const body = entity.slice(split + 2);
  if (head.includes("content-disposition: attachment")) return [];
  if (/content-type:\s*multipart\//.test(head)) {
    const boundary = entity.slice(0, split).replace(/\n[ \t]+/g, " ").match(/boundary="?([^";\s]+)"?/i)?.[1];
    if (!boundary) return [];
    const marker = `--${boundary}`;
    return body.split("\n").reduce((parts, line) => {
      if (line === marker || line === `${marker}--`) parts.push([]);
      else if (parts.length) parts[parts.length - 1].push(line);
      return parts;
    }, []).flatMap((lines) => textParts(lines.join("\n")));
  }
  if (head.includes("content-type:") && !head.includes("text/plain")) return [];
  if (head.includes("quoted-printable")) {
    return [Buffer.from(body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8")];
  }
  if (head.includes("base64")) return [Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")];
  return [Buffer.from(body, "latin1").toString("utf8")];
}

function attachmentNames(raw) {
  return [...raw.matchAll(/filename="?([^";\n]+)"?/gi)].map((m) => m[1]);
}
