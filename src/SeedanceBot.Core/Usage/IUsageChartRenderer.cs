namespace SeedanceBot.Core.Usage;

/// <summary>Draws a <see cref="UsageReport"/> as a PNG. A port, so Core carries no native graphics library.</summary>
public interface IUsageChartRenderer
{
    byte[] RenderPng(UsageReport report);
}
