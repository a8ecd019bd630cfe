namespace Cycast.Actors; internal static class Placeholder {}
