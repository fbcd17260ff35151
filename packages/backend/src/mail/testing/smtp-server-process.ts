// The inbound SMTP server alone in a process of its own, for the crash test:
// prints "listening <port>" once it accepts connections, then runs until killed.
import { startInboundSmtp } from "../inbound-smtp";
import { fakeDns } from "./smtp-peers";

const smtp = await startInboundSmtp({ port: 0, host: "127.0.0.1", resolver: fakeDns() });
process.stdout.write(`listening ${smtp!.port}\n`);
