// Source: github.com/DFE-Digital/get-information-about-schools — Web/Edubase.Services/EmailService.cs
// Original: Retry.RetryableActionAsync(async () => await client.SendMailAsync(from, to, subject, body)).
using System.Net.Mail;

public partial class EmailService
{
    private readonly SmtpClient _client = new SmtpClient();

    [Retry]
    public partial Task SendAsync(string from, string to, string subject, string body);
    private async Task SendAsyncCore(string from, string to, string subject, string body) =>
        await {|RES1007:_client.SendMailAsync(from, to, subject, body)|};

    [Retry]
    public partial Task SendMessageAsync(MailMessage msg);
    private async Task SendMessageAsyncCore(MailMessage msg) => await {|RES1007:_client.SendMailAsync(msg)|};
}
