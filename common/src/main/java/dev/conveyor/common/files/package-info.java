/** Where the files that jobs read and write may be. */
package dev.conveyor.common.files;
