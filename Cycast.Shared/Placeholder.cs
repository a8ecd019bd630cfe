namespace Cycast.Shared; internal static class Placeholder {}
