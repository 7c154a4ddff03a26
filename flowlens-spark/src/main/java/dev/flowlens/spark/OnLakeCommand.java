package dev.flowlens.spark;

import picocli.CommandLine.Mixin;

/** A {@code flowlens spark} command over the lake that {@code --lake} names (required) on {@code --master}'s Spark. */
abstract class OnLakeCommand extends LakeCommand {
    @Mixin
    LakeOptions lake;
}
