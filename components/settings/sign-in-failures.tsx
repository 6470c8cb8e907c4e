import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalTime } from "@/components/shell/local-time";
import type { SignInFailureRow } from "@/lib/auth/sign-in-failures";

/** Read-only: where wrong passwords for this account came from, newest first. */
export function SignInFailures({ failures }: { failures: SignInFailureRow[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Failed sign-ins</CardTitle>
        <CardDescription>
          Wrong passwords for your account in the last 30 days, by address. An address that keeps failing is locked out for longer each time; you can still sign
          in from anywhere else.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {failures.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="sign-in-failures-empty">
            None.
          </p>
        ) : (
          <table className="w-full text-sm" data-testid="sign-in-failures">
            <thead className="text-left text-muted-foreground">
              <tr>
                <th className="py-1 font-medium">Last attempt</th>
                <th className="py-1 font-medium">Address</th>
                <th className="py-1 text-right font-medium">Attempts</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((failure) => (
                <tr key={failure.address} className="border-t">
                  <td className="py-1">
                    <LocalTime iso={failure.lastAt.toISOString()} />
                    <span className="block text-xs text-muted-foreground">
                      first <LocalTime iso={failure.firstAt.toISOString()} />
                    </span>
                  </td>
                  <td className="py-1 font-mono text-xs">{failure.address}</td>
                  <td className="py-1 text-right">{failure.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}
