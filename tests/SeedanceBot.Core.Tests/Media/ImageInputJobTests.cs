using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Images;

namespace SeedanceBot.Core.Tests.Media;

/// <summary>
/// /video with input images through Core: checked before any charge, stored with the job (not in it), read back for
/// every submission (retries and re-rolls too), removed when the video is deleted.
/// </summary>
public sealed class ImageInputJobTests
{
    private static CoreHarness ImageCore()
    {
        var core = new CoreHarness();
        core.Provider.Capabilities = core.Provider.Capabilities with { Images = ImageInputLimits.Seedance };
        return core;
    }

    private static Task<CommandReply> SendAsync(CoreHarness core, params VideoImage[] images) =>
        core.Router.HandleAsync(
            new ChatCommand("video", CoreHarness.Origin(), new ChatUser("U1", "user U1"), "a fox turns its head") { Images = images },
            CancellationToken.None);

    [Fact]
    public async Task Video_WithFirstFrame_StoresTheBytesApartAndSubmitsThemInTheirRole()
    {
        using var core = ImageCore();
        var png = TestImages.Png(640, 360);

        var reply = await SendAsync(core, new VideoImage { Role = ImageRole.FirstFrame, Content = png, FileName = "fox.png" });
        await core.PassAsync();

        Assert.Null(reply.Message);
        var job = Assert.Single(core.Store.All);
        var image = Assert.Single(job.Request.Images!);
        Assert.Equal((ImageRole.FirstFrame, "image/png", 640, 360, (byte[]?)null), (image.Role, image.ContentType, image.Width, image.Height, image.Content));
        Assert.Equal(png, (await core.Media.ReadAsync(image.MediaKey!, CancellationToken.None))!.Content.ToArray());
        var sent = Assert.Single(Assert.Single(core.Provider.Requests).Images!);
        Assert.Equal(ImageRole.FirstFrame, sent.Role);
        Assert.Equal(png, sent.Content);
        Assert.DoesNotContain("base64", RecordJson.Write(job), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Video_BadImage_IsRefusedWithNoJobNoChargeAndNoCall()
    {
        using var core = ImageCore();

        var reply = await SendAsync(core, new VideoImage { Role = ImageRole.FirstFrame, Content = TestImages.TextNamedPng(), FileName = "cat.png" });
        await core.PassAsync();

        Assert.Contains("The first frame (cat.png) can't be used: it is not an image", reply.Message!.Text, StringComparison.Ordinal);
        Assert.Empty(core.Store.All);
        Assert.Empty(core.Store.Ledger);
        Assert.Equal(0, core.Provider.Submits);
        Assert.Empty(core.Media.Items);
    }

    [Fact]
    public async Task Video_ProviderWithoutImages_IsRefusedInCoreBeforeAnyCall()
    {
        using var core = new CoreHarness();

        var reply = await SendAsync(core, new VideoImage { Role = ImageRole.Reference, Content = TestImages.Png() });
        await core.PassAsync();

        Assert.Contains("makes videos from text only", reply.Message!.Text, StringComparison.Ordinal);
        Assert.Empty(core.Store.All);
        Assert.Equal(0, core.Provider.Submits);
    }

    [Fact]
    public async Task Submit_RetriedAfterAnOutage_StillSendsTheImage()
    {
        using var core = ImageCore();
        var jpeg = TestImages.Jpeg(400, 400);
        core.Provider.FailNextSubmit(new VideoProviderException(VideoProviderErrorKind.Unavailable, "503"));

        await SendAsync(core, new VideoImage { Role = ImageRole.FirstFrame, Content = jpeg });
        await core.RunForAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5));

        Assert.True(core.Provider.Submits >= 2);
        Assert.All(core.Provider.Requests, r => Assert.Equal(jpeg, Assert.Single(r.Images!).Content));
    }

    [Fact]
    public async Task Reroll_OfAnImageJob_OwnsACopyThatOutlivesTheOriginalsDeletion()
    {
        using var core = ImageCore();
        var webp = TestImages.Webp(500, 500);
        await SendAsync(core, new VideoImage { Role = ImageRole.Reference, Content = webp });
        await core.RunForAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(5));
        var first = Assert.Single(core.Store.All);
        var actions = core.Get<JobActions>();
        var user = new ChatUser("U1", "user U1");

        var reroll = await actions.HandleAsync(ChatAction.Reroll, first.Id, CoreHarness.Origin(), user, null, CancellationToken.None);
        var deleted = await actions.HandleAsync(ChatAction.Delete, first.Id, CoreHarness.Origin(), user, null, CancellationToken.None);
        await core.PassAsync();

        Assert.True(deleted.DeleteMessage);
        Assert.Null(await core.Media.ReadAsync(first.Request.Images![0].MediaKey!, CancellationToken.None));
        var second = core.Store.All.Single(j => j.Id == reroll.Reply.JobId);
        Assert.StartsWith(second.Id + "/", second.Request.Images![0].MediaKey, StringComparison.Ordinal);
        Assert.Equal(webp, core.Provider.Requests.Last().Images![0].Content);
    }

    [Fact]
    public async Task Submit_ImagesGoneFromTheStore_FailsTheJobWithARefund()
    {
        using var core = ImageCore();
        await SendAsync(core, new VideoImage { Role = ImageRole.FirstFrame, Content = TestImages.Png() });
        var job = Assert.Single(core.Store.All);
        await core.Media.DeleteJobAsync(job.Id, CancellationToken.None);

        await core.PassAsync();

        job = Assert.Single(core.Store.All);
        Assert.Equal((JobState.Failed, ChargeState.Released), (job.State, job.Charge));
        Assert.Equal(0, core.Provider.Submits);
    }
}
