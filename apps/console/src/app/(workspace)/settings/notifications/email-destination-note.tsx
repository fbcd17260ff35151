import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";

type EmailDestination = RouterOutputs["notifications"]["emailDestination"];

/** Where e-mail copies go, as the server will send them: the account's address, and what stands in their way. */
export function EmailDestinationNote({ destination }: { destination: EmailDestination }) {
  const { address, route, relayConfigured } = destination;
  const account = (
    <>
      your account&rsquo;s address, <span className="font-medium">{address}</span>
    </>
  );
  if (route === "UNDELIVERABLE") {
    return <Alert>E-mail copies go to {account}, but nobody on this server receives mail there, so none can be delivered.</Alert>;
  }
  if (route === "HOSTED") {
    return <Alert tone="info">E-mail copies go to {account}. This server hosts it, so they arrive in Mail as soon as the notification does.</Alert>;
  }
  if (!relayConfigured) {
    return (
      <Alert tone="info">
        E-mail copies go to {account}. This server has no relay for mail to other domains yet (SMTP_RELAY_URL), so they wait in its queue until an administrator sets one up.
      </Alert>
    );
  }
  return <Alert tone="info">E-mail copies go to {account}, through this server&rsquo;s mail relay.</Alert>;
}
