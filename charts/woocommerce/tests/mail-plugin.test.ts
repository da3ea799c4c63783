// The mail catcher's must-use plugin on a real WordPress (Debian's WordPress core, MariaDB and
// PHP's web server): wp_mail() goes over SMTP to the host and port the chart gives it. The
// receiving end is a LOCAL SMTP STAND-IN for Mailpit (Mailpit's image cannot run here): a
// minimal ESMTP server that records each message it accepts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_DIR } from './render';
import {
  realWordpressMissing,
  startRealWordpress,
  type RealWordpress,
} from './admin-login-wordpress';

const PLUGIN = join(CHART_DIR, 'files', 'storefleet-mail.php');
const missing = await realWordpressMissing();

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** SMTP stand-in for Mailpit: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no AUTH. */
function startSmtpStandIn(): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((socket: Socket) => {
    let buffer = '';
    let inData = false;
    let current: Received = { from: '', to: [], data: '' };
    const reply = (line: string): boolean => socket.write(`${line}\r\n`);
    reply('220 smtp-stand-in ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: '', to: [], data: '' };
          reply('250 2.0.0 Ok: queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          reply('250-smtp-stand-in');
          reply('250 8BITMIME');
        } else if (verb === 'HELO') reply('250 smtp-stand-in');
        else if (verb === 'MAIL') {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 2.1.5 Ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') {
          current = { from: '', to: [], data: '' };
          reply('250 2.0.0 Ok');
        } else if (verb === 'NOOP') reply('250 2.0.0 Ok');
        else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
          return;
        } else reply('502 5.5.2 Command not recognized');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, received }),
    );
  });
}

// A test-only must-use plugin: ?storefleet-test-mail sends one mail with wp_mail() and answers
// "sent" or "failed: <reason>".
const SENDER = `<?php
if ( isset( $_GET['storefleet-test-mail'] ) ) {
	add_action( 'init', static function () {
		$error = '';
		add_action( 'wp_mail_failed', static function ( $e ) use ( &$error ) {
			$error = $e->get_error_message();
		} );
		$ok = wp_mail( 'customer@example.com', 'Your order #7 has been received', "Thanks for your order.\\n" );
		header( 'Content-Type: text/plain' );
		echo $ok ? 'sent' : 'failed: ' . $error;
		exit;
	} );
}
`;

describe.skipIf(missing !== null)(
  `mail catcher plugin on a real WordPress${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let wp: RealWordpress;
    let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
    let senderDir: string;

    beforeAll(async () => {
      smtp = await startSmtpStandIn();
      senderDir = await mkdtemp(join(tmpdir(), 'storefleet-mail-sender-'));
      const sender = join(senderDir, 'storefleet-test-sender.php');
      await writeFile(sender, SENDER);
      wp = await startRealWordpress({
        muPlugins: [PLUGIN, sender],
        env: { STOREFLEET_SMTP_HOST: '127.0.0.1', STOREFLEET_SMTP_PORT: String(smtp.port) },
      });
    }, 90_000);

    afterAll(async () => {
      await wp?.stop();
      await new Promise((resolve) => smtp?.server.close(resolve));
      if (senderDir) await rm(senderDir, { recursive: true, force: true });
    });

    it('sends wp_mail() over SMTP to the mail catcher the chart names', async () => {
      const res = await fetch(`${wp.url}/?storefleet-test-mail=1`);
      expect(await res.text()).toBe('sent');
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail?.to).toEqual(['customer@example.com']);
      expect(mail?.from).toMatch(/^wordpress@/);
      expect(mail?.data).toMatch(/^Subject: Your order #7 has been received\r?$/m);
      expect(mail?.data).toContain('Thanks for your order.');
      expect(await wp.errorLog()).not.toMatch(/PHP (Fatal|Warning)/);
    });

    it('stays out of the way where no SMTP host is set (mail.enabled off)', async () => {
      const before = smtp.received.length;
      const url = await wp.serveWith({});
      const res = await fetch(`${url}/?storefleet-test-mail=1`);
      // WordPress falls back to PHP's mail(); whatever that does here, the stand-in hears nothing
      expect(await res.text()).toMatch(/^(sent|failed: .+)$/);
      expect(smtp.received).toHaveLength(before);
    });
  },
);
